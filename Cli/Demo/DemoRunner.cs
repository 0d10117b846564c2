using System.Globalization;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Cli.Demo;

/// <summary>
/// The demo: a PAN coordinator and three devices on the simulated radio, in virtual time, showing what the stack
/// does today — channel choice by energy scan, PAN start, active scan, association, acknowledged data, indirect
/// delivery to a sleeping device on poll, a transaction expiring after 7.68 s, and retries to a vanished node.
/// </summary>
internal sealed class DemoRunner
{
    private const ushort PanId = 0x1a62;
    private static readonly string[] Names = ["coordinator", "router", "end device", "sleepy sensor"];
    private readonly TextWriter _out;
    private readonly SimulationScheduler _scheduler = new();
    private readonly SimulatedMedium _medium;
    private readonly MacService[] _macs = new MacService[4];

    public DemoRunner(TextWriter output, int seed)
    {
        _out = output;
        _medium = new SimulatedMedium(_scheduler, seed);
        for (var i = 0; i < _macs.Length; i++)
        {
            var radio = _medium.AddNode(0x00124B0000DE0000UL | (uint)(i + 1));
            _macs[i] = new MacService(radio, _scheduler.Time, new Random(seed + i));
            var node = i;
            _macs[i].DataIndication += (in McpsDataIndication indication, ReadOnlySpan<byte> msdu) =>
                Say(node, $"received \"{System.Text.Encoding.ASCII.GetString(msdu)}\" from {indication.SrcAddr} (LQI {indication.MpduLinkQuality})");
        }

        _medium.ApplyTopology(Topology.Star(_macs.Length, lqi: 220));
        // A busy Wi-Fi network sits on channels 11–14 and 21–24: the coordinator should avoid them.
        foreach (byte channel in (byte[])[11, 12, 13, 14, 21, 22, 23, 24])
        {
            _medium.SetChannelEnergy(channel, 180);
        }
    }

    public SimulatedMedium Medium => _medium;

    public async Task<int> RunAsync()
    {
        var coordinator = _macs[0];
        await coordinator.ResetRequestAsync(true);
        var ed = await coordinator.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, 0x07FFF800, ScanDuration: 3));
        var quietest = Quietest(ed);
        Say(0, $"energy scan of channels 11-26: quietest is channel {quietest} (energy {ed.EnergyDetectList[quietest - 11]})");
        await coordinator.SetRequestAsync(MacPibAttribute.MacShortAddress, 0x0000UL);
        await coordinator.SetRequestAsync(MacPibAttribute.MacAssociationPermit, true);
        await coordinator.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, true);
        ushort next = 0x0001;
        coordinator.AssociateIndication += (in MlmeAssociateIndication indication) =>
        {
            Say(0, $"association request from {MacAddress.FormatExtended(indication.DeviceAddress)}: giving it 0x{next:x4}");
            _ = coordinator.AssociateResponseAsync(new MlmeAssociateResponse(indication.DeviceAddress, next++, MacStatus.Success));
        };
        var started = await coordinator.StartRequestAsync(new MlmeStartRequest(PanId, quietest, PanCoordinator: true));
        Say(0, $"MLME-START: PAN 0x{PanId:x4} on channel {quietest}: {started}");

        var shortAddresses = new ushort[_macs.Length];
        for (var node = 1; node < _macs.Length; node++)
        {
            var mac = _macs[node];
            await mac.ResetRequestAsync(true);
            var scan = await mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 0x07FFF800, ScanDuration: 3));
            if (scan.PanDescriptorList.Count == 0)
            {
                Say(node, $"active scan found no PAN ({scan.Status})");
                return 1;
            }

            var pan = scan.PanDescriptorList[0];
            Say(node, $"active scan: PAN 0x{pan.CoordPanId:x4} on channel {pan.LogicalChannel}, coordinator {pan.CoordAddress}, association permit {pan.SuperframeSpec.AssociationPermit}");
            var sleepy = node == 3;
            var capability = CapabilityInformation.Create(fullFunctionDevice: node == 1, mainsPowered: node == 1, receiverOnWhenIdle: !sleepy);
            var joined = await mac.AssociateRequestAsync(new MlmeAssociateRequest(pan.LogicalChannel, pan.CoordPanId, pan.CoordAddress, capability));
            Say(node, $"MLME-ASSOCIATE.confirm: {joined.Status}, short address 0x{joined.AssocShortAddress:x4}");
            if (joined.Status != MacStatus.Success)
            {
                return 1;
            }

            shortAddresses[node] = joined.AssocShortAddress;
            await mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, !sleepy);
        }

        var confirm = await Send(1, 0x0000, "hello from the router", indirect: false);
        Say(1, $"MCPS-DATA.confirm: {confirm.Status} (acknowledged)");

        var queued = Send(0, shortAddresses[3], "lights off at 23:00", indirect: true);
        Say(0, "queued a frame for the sleepy sensor (indirect): it waits for a poll");
        await Task.Delay(TimeSpan.FromSeconds(2), _scheduler.Time);
        var poll = await _macs[3].PollRequestAsync(new MlmePollRequest(PanId, MacAddress.FromShort(0x0000)));
        Say(3, $"woke up and polled: MLME-POLL.confirm {poll}");
        Say(0, $"indirect MCPS-DATA.confirm: {(await queued).Status}");
        poll = await _macs[3].PollRequestAsync(new MlmePollRequest(PanId, MacAddress.FromShort(0x0000)));
        Say(3, $"polled again: MLME-POLL.confirm {poll}");

        var sentAt = _scheduler.Now;
        var expired = await Send(0, shortAddresses[3], "nobody polls for this one", indirect: true);
        Say(0, $"a frame the sensor never polled for: {expired.Status} after {(_scheduler.Now - sentAt).TotalSeconds:F2} s (macTransactionPersistenceTime)");

        _medium.SwitchOff(2);
        Say(2, "switched off");
        var before = _macs[0].Counters.FramesTransmitted;
        var lost = await Send(0, shortAddresses[2], "are you there?", indirect: false);
        Say(0, $"frame to the switched-off end device: {lost.Status} after {_macs[0].Counters.FramesTransmitted - before} transmissions (1 + macMaxFrameRetries)");

        var stats = _medium.Statistics;
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_scheduler.Now.TotalSeconds:F3} s of virtual time, {_scheduler.EventsExecuted} events, {stats.FramesTransmitted} frames on air, {stats.Collisions} collisions."));
        return 0;
    }

    /// <summary>Runs the demo to its end in virtual time; the returned task is already complete.</summary>
    public Task<int> Run() => _scheduler.Run(RunAsync, TimeSpan.FromMinutes(5));

    private ValueTask<McpsDataConfirm> Send(int from, ushort to, string text, bool indirect) =>
        _macs[from].DataRequestAsync(new McpsDataRequest(
            MacAddressingMode.Short, PanId, MacAddress.FromShort(to), System.Text.Encoding.ASCII.GetBytes(text), 0,
            MacTxOptions.Acknowledged | (indirect ? MacTxOptions.Indirect : MacTxOptions.None)));

    private static byte Quietest(MlmeScanConfirm scan)
    {
        var best = 0;
        for (var i = 1; i < scan.EnergyDetectList.Count; i++)
        {
            if (scan.EnergyDetectList[i] < scan.EnergyDetectList[best])
            {
                best = i;
            }
        }

        return (byte)(11 + best);
    }

    private void Say(int node, string text) =>
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_scheduler.Now.TotalSeconds,8:F3} s] {Names[node],-13} {text}"));
}

using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;

namespace ZigBee.Cli.XBee;

/// <summary>
/// What stands behind the 802.15.4-firmware emulator of `zigbee xbee-emulator`: an unsecured ZigBee network of our own
/// (a coordinator that keeps joining open and routers that join it), all in hearing of the emulated module, so a
/// host's NWK can join it through the dongle.
/// </summary>
internal sealed class Ieee802154Network
{
    private const ulong ModuleAddress = 0x0013A200_40C0FFEE;
    private readonly SimulationScheduler _scheduler;
    private readonly NwkService[] _nodes;

    public Ieee802154Network(SimulationScheduler scheduler, int routers, int seed)
    {
        _scheduler = scheduler;
        var medium = new SimulatedMedium(scheduler, seed);
        _nodes = new NwkService[routers + 1];
        for (var i = 0; i < _nodes.Length; i++)
        {
            var radio = medium.AddNode(0x00124B00_00EE0000UL | (uint)i);
            var mac = new MacService(radio, scheduler.Time, new Random(seed + i));
            _nodes[i] = new NwkService(mac, scheduler.Time, new Random(~(seed + i)));
        }

        Firmware = Ieee802154Firmware.Create(scheduler, medium, ModuleAddress, seed);
        for (var a = 0; a <= _nodes.Length; a++)
        {
            for (var b = a + 1; b <= _nodes.Length; b++)
            {
                medium.Link(a, b, lqi: 200);
            }
        }
    }

    public Ieee802154Firmware Firmware { get; }

    /// <summary>Forms the network and lets the routers join, on the scheduler, once it runs.</summary>
    public void Start() => _scheduler.Post(async () =>
    {
        var formed = await _nodes[0].NetworkFormationAsync(new NlmeNetworkFormationRequest());
        if (formed.Status != NwkStatus.Success)
        {
            return;
        }

        await _nodes[0].PermitJoiningAsync(0xFF);
        var capability = CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true);
        for (var i = 1; i < _nodes.Length; i++)
        {
            var joined = await _nodes[i].JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, capability));
            if (joined.Status == NwkStatus.Success)
            {
                await _nodes[i].StartRouterAsync();
                await _nodes[i].PermitJoiningAsync(0xFF);
            }
        }
    });
}

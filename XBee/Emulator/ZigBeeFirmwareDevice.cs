using System.Text;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Stack.Zdo;
using ZigBee.XBee.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.XBee.Emulator;

/// <summary>What a simulated device received at one of its endpoints.</summary>
public sealed record ZigBeeDeviceMessage(ushort SourceAddress, byte SourceEndpoint, byte DestinationEndpoint, ushort ClusterId, ushort ProfileId, byte[] Data, bool WasBroadcast);

/// <summary>
/// One simulated device behind the emulated dongle: our own MAC, NWK, APS and ZDO, a router or an end device
/// (some asleep), which scans for the dongle's network and joins it once it is open, retrying until it is in. Once
/// in (and holding the network key on a secured network) ZDO announces it, and it sends a node identification to
/// the coordinator as an XBee that joined does. Not an XBee itself: it has no Digi device object for remote AT.
/// </summary>
public sealed class ZigBeeFirmwareDevice
{
    private readonly ZigBeeFirmware _firmware;
    private readonly Random _random;
    private readonly bool _secured;
    private readonly List<ZigBeeDeviceMessage> _received = [];
    private int _generation;
    private bool _on = true;

    internal ZigBeeFirmwareDevice(ZigBeeFirmware firmware, int index, int mediumNode, SimulatedRadio radio, bool router, bool sleepy, bool secured, ZigBeeKey trustCenterLinkKey)
    {
        _firmware = firmware;
        Index = index;
        MediumNode = mediumNode;
        IsRouter = router;
        IsSleepy = sleepy;
        _secured = secured;
        var time = firmware.Scheduler.Time;
        var seed = firmware.NodeSeed(mediumNode);
        _random = new Random(seed ^ 0x5EED);
        Mac = new MacService(radio, time, new Random(seed), options: new MacServiceOptions { TransactionQueueCapacity = 32 });
        Nwk = new NwkService(Mac, time, new Random(~seed), new NwkServiceOptions
        {
            PollRate = firmware.Options.PollInterval,
            DeferEndDeviceTimeoutRequestUntilSecured = secured,
        });
        Aps = new ApsService(Nwk, time, new ApsServiceOptions { TrustCenterLinkKey = trustCenterLinkKey });
        Aps.RegisterEndpoint(ApplicationEndpoint);
        Aps.RegisterEndpoint(Digi.DataEndpoint);
        Zdo = new ZdoService(Aps, new StackZdoNode(Nwk, Aps), time);
        Zdo.RegisterEndpoint(new ZdoEndpoint(ApplicationEndpoint, HomeAutomationProfile, router ? (ushort)0x0100 : (ushort)0x0302, 1,
            router ? [0x0000, 0x0006] : [0x0000, 0x0402], []));
        NodeIdentifier = router ? $"ROUTER{index + 1}" : sleepy ? $"SENSOR{index + 1}" : $"DEVICE{index + 1}";
        Aps.DataIndication += OnData;
    }

    /// <summary>How many received messages <see cref="Received"/> keeps.</summary>
    public const int MaxReceived = 256;

    /// <summary>The application endpoint every device describes (Home Automation).</summary>
    public const byte ApplicationEndpoint = 1;

    public const ushort HomeAutomationProfile = 0x0104;

    /// <summary>Device number (0-based) as <see cref="ZigBeeFirmware.SwitchOff"/> takes it.</summary>
    public int Index { get; }

    /// <summary>Its node on the simulated medium.</summary>
    public int MediumNode { get; }

    public bool IsRouter { get; }

    public bool IsSleepy { get; }

    public string NodeIdentifier { get; }

    public MacService Mac { get; }

    public NwkService Nwk { get; }

    public ApsService Aps { get; }

    public ZdoService Zdo { get; }

    public ulong ExtendedAddress => Nwk.ExtendedAddress;

    public ushort NetworkAddress => Nwk.NetworkAddress;

    /// <summary>Switched on (see <see cref="ZigBeeFirmware.SwitchOff"/>).</summary>
    public bool IsOn => _on;

    /// <summary>In the network: joined and, on a secured network, holding the key.</summary>
    public bool IsInNetwork => Nwk.IsJoined && (!_secured || Aps.IsAuthenticated);

    /// <summary>Join attempts made (each a scan, maybe an association).</summary>
    public int JoinAttempts { get; private set; }

    /// <summary>Everything that reached one of its endpoints (ZDO aside), oldest first.</summary>
    public IReadOnlyList<ZigBeeDeviceMessage> Received => _received;

    /// <summary>Data arrived at one of its application endpoints.</summary>
    public event Action<ZigBeeFirmwareDevice, ZigBeeDeviceMessage>? DataReceived;

    /// <summary>Sends data to the coordinator (or any address) from this device, as its application would.</summary>
    public Task<ApsdeDataConfirm> SendAsync(ushort destination, byte sourceEndpoint, byte destinationEndpoint, ushort clusterId, ushort profileId, ReadOnlyMemory<byte> data,
        bool acknowledged = true) =>
        Aps.DataRequestAsync(ApsdeDataRequest.ToShort(destination, destinationEndpoint, profileId, clusterId, sourceEndpoint, data,
            acknowledged ? ApsTxOptions.Acknowledged : ApsTxOptions.None));

    internal void SwitchOff()
    {
        _on = false;
        _generation++;
    }

    /// <summary>Stops trying and forgets its network (a network reset reached it).</summary>
    internal async Task LeaveAsync()
    {
        _generation++;
        if (Nwk.IsJoined)
        {
            await Nwk.ResetAsync(warmStart: false);
            Aps.ResetAuthentication();
        }
    }

    /// <summary>Forgets any network and looks for the dongle's, trying until it is in.</summary>
    internal async Task RestartAsync()
    {
        await LeaveAsync();
        var generation = _generation;

        // Devices power up over a couple of seconds, not all in the same instant.
        await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(0, 2000)), _firmware.Scheduler.Time);
        while (_on && generation == _generation && !IsInNetwork)
        {
            if (await TryJoinAsync() || !_on || generation != _generation)
            {
                return;
            }

            await Task.Delay(_firmware.Options.JoinRetryInterval + TimeSpan.FromMilliseconds(_random.Next(0, 1000)), _firmware.Scheduler.Time);
        }
    }

    private async Task<bool> TryJoinAsync()
    {
        JoinAttempts++;
        var target = _firmware.Nwk.IsJoined ? _firmware.Nwk.Nib.ExtendedPanId : 0;
        if (target == 0)
        {
            return false;
        }

        var discovery = await Nwk.NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest());
        var open = false;
        foreach (var network in discovery.NetworkDescriptors)
        {
            open |= network.ExtendedPanId == target && network.PermitJoining;
        }

        if (!open)
        {
            return false;
        }

        var capability = CapabilityInformation.Create(fullFunctionDevice: IsRouter, mainsPowered: IsRouter, receiverOnWhenIdle: !IsSleepy);
        var joined = await Nwk.JoinAsync(new NlmeJoinRequest(target, NwkRejoinNetwork.Association, capability));
        if (joined.Status != NwkStatus.Success)
        {
            return false;
        }

        if (_secured && !await Aps.WaitForAuthenticationAsync(_firmware.Options.SecurityTimeout))
        {
            // No key from the trust center (§4.6.3.2.3): leave quietly and try again later.
            await Nwk.ResetAsync(warmStart: false);
            Aps.ResetAuthentication();
            return false;
        }

        if (IsRouter)
        {
            // An XBee router ships with NJ = 0xFF: it takes joiners for as long as it runs.
            await Nwk.StartRouterAsync();
            await Nwk.PermitJoiningAsync(0xFF);
        }

        await SendNodeIdentificationAsync(NodeIdentificationEvent.Joined);
        return true;
    }

    /// <summary>
    /// The node identification an XBee broadcasts when it joined (JN=1), sent here to the coordinator: the payload of
    /// the 0x95 frame from the remote 16-bit address on (the coordinator adds the source and receive options).
    /// </summary>
    private async Task SendNodeIdentificationAsync(NodeIdentificationEvent sourceEvent)
    {
        var type = IsRouter ? XBeeDeviceType.Router : XBeeDeviceType.EndDevice;
        var parent = IsRouter ? (ushort)0xFFFE : Nwk.ParentAddress;
        var name = Encoding.ASCII.GetBytes(NodeIdentifier);
        var frame = new NodeIdentificationFrame(0, 0, ReceiveOptions.None, Nwk.NetworkAddress, ExtendedAddress, name, parent, type,
            sourceEvent, Digi.Profile, Digi.ManufacturerCode);
        var bytes = new byte[frame.Length];
        frame.Encode(bytes);
        var payload = bytes.AsMemory(ZigBeeFirmware.NodeIdentificationHeaderLength);
        await SendAsync(0x0000, Digi.DataEndpoint, Digi.DataEndpoint, Digi.NodeIdentificationCluster, Digi.Profile, payload);
    }

    /// <summary>
    /// A node discovery from the dongle (the emulator's own request form: NT, then the NI asked for, if any): answer
    /// with the node identification at a random moment within the discovery time, as XBees spread their answers.
    /// </summary>
    private void OnDiscoveryRequest(ReadOnlySpan<byte> request)
    {
        if (request.IsEmpty || !IsInNetwork)
        {
            return;
        }

        var name = request[1..];
        if (!name.IsEmpty && !name.SequenceEqual(Encoding.ASCII.GetBytes(NodeIdentifier)))
        {
            return;
        }

        var window = TimeSpan.FromMilliseconds(100 * request[0]);
        var delay = TimeSpan.FromTicks(_random.NextInt64(0, window.Ticks / 2));
        _firmware.Scheduler.Schedule(delay, () => _firmware.Observe(SendNodeIdentificationAsync((NodeIdentificationEvent)ZigBeeFirmware.DiscoveryAnswer)));
    }

    private void OnData(in ApsdeDataIndication indication)
    {
        if (indication.DstEndpoint == 0)
        {
            return;
        }

        if (indication.ProfileId == Digi.Profile && indication.ClusterId == Digi.NodeIdentificationCluster)
        {
            OnDiscoveryRequest(indication.Asdu.Span);
            return;
        }

        var message = new ZigBeeDeviceMessage(indication.SrcAddress, indication.SrcEndpoint, indication.DstEndpoint, indication.ClusterId, indication.ProfileId,
            indication.Asdu.ToArray(), indication.WasBroadcast);
        if (_received.Count == MaxReceived)
        {
            // An emulator that serves for days keeps the recent past only.
            _received.RemoveAt(0);
        }

        _received.Add(message);
        DataReceived?.Invoke(this, message);
        if (_firmware.Options.Echo && indication.DstEndpoint == Digi.DataEndpoint && !indication.WasBroadcast)
        {
            // The echo goes back to where it came from, from the endpoint it arrived at.
            _firmware.Observe(SendAsync(message.SourceAddress, Digi.DataEndpoint, message.SourceEndpoint, message.ClusterId, message.ProfileId, message.Data));
        }
    }
}

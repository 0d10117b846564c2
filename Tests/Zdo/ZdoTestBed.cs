using ZigBee.Mac.Frames;
using ZigBee.Simulation.Scheduling;
using ZigBee.Tests.Zdo.Fakes;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Tests.Zdo;

/// <summary>
/// ZDO services over fake APS data services and fake nodes, joined by a <see cref="FakeApsNetwork"/>, in virtual time.
/// Node 0 is the device under test (a router at <see cref="Me"/> by default); tests hand it requests as indications
/// from <see cref="Requester"/> and read its answers from <see cref="FakeApsDataService.Sent"/>.
/// </summary>
internal sealed class ZdoTestBed
{
    public const ushort Me = 0x1A2B;

    public const ulong MyIeee = 0x00124B00AABBCC01;

    /// <summary>The device the test's requests come from; no service of the bed has its address.</summary>
    public const ushort Requester = 0x0000;

    public const ushort ManufacturerCode = 0x1234;

    public ZdoTestBed(ZdpLogicalType type = ZdpLogicalType.Router, ZdoServiceOptions? options = null)
    {
        Scheduler = new SimulationScheduler();
        Network = new FakeApsNetwork(Scheduler);
        Add(Me, MyIeee, type, options);
    }

    public SimulationScheduler Scheduler { get; }

    public FakeApsNetwork Network { get; }

    public List<Peer> Peers { get; } = [];

    public ZdoService Zdo => Peers[0].Zdo;

    public FakeZdoNode Node => Peers[0].Node;

    public FakeApsDataService Aps => Peers[0].Aps;

    /// <summary>Node 0's frames that are ZDP responses, oldest first.</summary>
    public List<SentFrame> Responses => Aps.Sent.Where(f => f.IsResponse).ToList();

    public sealed record Peer(FakeApsDataService Aps, FakeZdoNode Node, ZdoService Zdo);

    public Peer Add(ushort networkAddress, ulong ieeeAddress, ZdpLogicalType type = ZdpLogicalType.Router, ZdoServiceOptions? options = null)
    {
        var aps = new FakeApsDataService(networkAddress, ieeeAddress);
        var node = new FakeZdoNode(() => Scheduler.Now) { NodeDescriptor = Descriptor(type), PowerDescriptor = Power(type) };
        var peer = new Peer(aps, node, new ZdoService(aps, node, Scheduler.Time, options));
        Network.Add(aps);
        Peers.Add(peer);
        return peer;
    }

    public static NodeDescriptor Descriptor(ZdpLogicalType type, bool networkManager = false)
    {
        var router = type != ZdpLogicalType.EndDevice;
        return new NodeDescriptor(type, false, false, 0, ZdpFrequencyBands.Band2400MHz, CapabilityInformation.Create(router, router, router), ManufacturerCode,
            0x52, 0x00A0, ZdpServerMask.Create(primaryTrustCenter: type == ZdpLogicalType.Coordinator, networkManager: networkManager), 0x00A0,
            ZdpDescriptorCapability.None);
    }

    public static PowerDescriptor Power(ZdpLogicalType type) => type == ZdpLogicalType.EndDevice
        ? new PowerDescriptor(ZdpPowerMode.Periodic, ZdpPowerSources.DisposableBattery, ZdpPowerSources.DisposableBattery, ZdpPowerLevel.Percent66)
        : new PowerDescriptor(ZdpPowerMode.ReceiverOnWhenIdle, ZdpPowerSources.Mains, ZdpPowerSources.Mains, ZdpPowerLevel.Percent100);

    public static byte[] Frame<T>(T message, byte sequence)
        where T : IZdpMessage<T>, allows ref struct
    {
        var asdu = new byte[ZdpFrame.Length(message)];
        ZdpFrame.Encode(sequence, message, asdu);
        return asdu;
    }

    /// <summary>Hands node 0 a request; returns its response (at most one is allowed), or null when it stayed silent.</summary>
    public SentFrame? Request<T>(T message, byte sequence = 0x42, ushort source = Requester, bool broadcast = false)
        where T : IZdpMessage<T>, allows ref struct =>
        Deliver(T.ClusterId, Frame(message, sequence), source, broadcast);

    /// <inheritdoc cref="Request{T}"/>
    public SentFrame? Deliver(ZdpClusterId cluster, byte[] asdu, ushort source = Requester, bool broadcast = false)
    {
        var before = Aps.Sent.Count;
        Scheduler.Post(() => Aps.Deliver(source, broadcast ? ZdpBroadcast.RxOnWhenIdle : Me, cluster, asdu, broadcast));
        Scheduler.RunUntil(Scheduler.Now);
        var responses = Aps.Sent.Skip(before).Where(f => f.IsResponse).ToList();
        Assert.IsLessThanOrEqualTo(1, responses.Count, "one request, at most one response");
        return responses.Count == 0 ? null : responses[0];
    }

    /// <summary>Starts a client call on the scheduler's context and runs until it has sent its request (and whatever is due now).</summary>
    public Task<T> Start<T>(Func<Task<T>> operation)
    {
        Task<T>? task = null;
        Scheduler.Post(() => task = operation());
        Scheduler.RunUntil(Scheduler.Now);
        return task!;
    }

    /// <summary>Runs until <paramref name="task"/> completes (at most <paramref name="limit"/> of virtual time) and returns its result.</summary>
    public T Finish<T>(Task<T> task, TimeSpan? limit = null)
    {
        Assert.IsTrue(Scheduler.RunUntilComplete(task, limit ?? TimeSpan.FromMinutes(1)), "the call completed");
        return task.GetAwaiter().GetResult();
    }

    public T Run<T>(Func<Task<T>> operation, TimeSpan? limit = null) => Finish(Start(operation), limit);
}

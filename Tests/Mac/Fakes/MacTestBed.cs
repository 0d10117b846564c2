using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Scheduling;

namespace ZigBee.Tests.Mac.Fakes;

/// <summary>A scheduler, a fake air, and MACs on it; every MAC call runs on the scheduler's loop.</summary>
internal sealed class MacTestBed
{
    public const ushort PanId = 0x1A62;

    public MacTestBed() => Air = new FakeAir(Scheduler);

    public SimulationScheduler Scheduler { get; } = new();

    public FakeAir Air { get; }

    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public (MacService Mac, FakeRadio Radio) AddNode(ulong extendedAddress, byte channel = 11, int seed = 1, MacServiceOptions? options = null)
    {
        var radio = Air.AddRadio(extendedAddress, channel);
        var mac = new MacService(radio, Scheduler.Time, new Random(seed), options: options);
        return (mac, radio);
    }

    /// <summary>A PAN coordinator (short 0x0000) on <paramref name="channel"/>, receiver on, association permitted.</summary>
    public (MacService Mac, FakeRadio Radio) AddCoordinator(ulong extendedAddress, byte channel = 11, int seed = 7, MacServiceOptions? options = null)
    {
        var (mac, radio) = AddNode(extendedAddress, channel, seed, options);
        mac.Pib.MacShortAddress = 0x0000;
        mac.Pib.MacRxOnWhenIdle = true;
        mac.Pib.MacAssociationPermit = true;
        var status = Run(() => mac.StartRequestAsync(new MlmeStartRequest(PanId, channel, PanCoordinator: true)));
        Assert.AreEqual(MacStatus.Success, status);
        return (mac, radio);
    }

    /// <summary>Puts a device in the coordinator's PAN without the association exchange.</summary>
    public static void Join(MacService device, ushort shortAddress, ulong coordinatorExtended, bool rxOnWhenIdle)
    {
        device.Pib.MacPanId = PanId;
        device.Pib.MacShortAddress = shortAddress;
        device.Pib.MacCoordShortAddress = 0x0000;
        device.Pib.MacCoordExtendedAddress = coordinatorExtended;
        device.Pib.MacRxOnWhenIdle = rxOnWhenIdle;
    }

    /// <summary>Starts <paramref name="operation"/> on the loop and returns its task without running further.</summary>
    public Task<T> Start<T>(Func<Task<T>> operation)
    {
        Task<T>? task = null;
        Scheduler.Post(() => task = operation());
        while (task is null && Scheduler.RunOne())
        {
        }

        return task!;
    }

    /// <summary>Runs <paramref name="operation"/> on the loop to completion and returns its result.</summary>
    public T Run<T>(Func<Task<T>> operation)
    {
        var task = Start(operation);
        Assert.IsTrue(Scheduler.RunUntilComplete(task, Limit), "the operation did not complete in virtual time");
        return task.GetAwaiter().GetResult();
    }

    public Task<McpsDataConfirm> Send(MacService mac, McpsDataRequest request) => Start(async () => await mac.DataRequestAsync(request));

    public McpsDataConfirm SendAndWait(MacService mac, McpsDataRequest request) => Run(async () => await mac.DataRequestAsync(request));

    public static McpsDataRequest ToShort(ushort destination, byte[] msdu, byte handle = 1, MacTxOptions options = MacTxOptions.Acknowledged) =>
        new(MacAddressingMode.Short, PanId, MacAddress.FromShort(destination), msdu, handle, options);

    public T Wait<T>(Task<T> task)
    {
        Assert.IsTrue(Scheduler.RunUntilComplete(task, Limit), "the operation did not complete in virtual time");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Frames on air after <paramref name="from"/> whose frame type is <paramref name="type"/>.</summary>
    public List<AirFrame> FramesOfType(MacFrameType type, int from = 0) =>
        Air.Log.Skip(from).Where(f => (f.Psdu[0] & 0x7) == (int)type).ToList();
}

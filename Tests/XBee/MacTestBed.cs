using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Mac;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The host side (<see cref="XBeeLink"/> + <see cref="XBeeMacService"/>) and an emulated 802.15.4-firmware module joined
/// by an in-memory cable, the module on a simulated medium beside plain software MACs: all on one scheduler, in virtual
/// time, with fixed seeds.
/// </summary>
internal sealed class MacTestBed
{
    public const ulong ModuleAddress = 0x0013A20040A1B2C3;
    public const ulong PeerAddressBase = 0x00124B0002000000;

    public MacTestBed(int seed, ApiMode mode = ApiMode.Escaped, SimulationScheduler? scheduler = null, SimulatedMedium? medium = null)
    {
        Scheduler = scheduler ?? new SimulationScheduler();
        Medium = medium ?? new SimulatedMedium(Scheduler, seed);
        Firmware = Ieee802154Firmware.Create(Scheduler, Medium, ModuleAddress, seed);
        Emulator = new XBeeEmulator(Firmware);
        Pipe = new InMemorySerialPipe("xbee");
        Link = new XBeeLink(Pipe.Host, new XBeeLinkOptions { ApiMode = mode }, Scheduler.Time);
        Mac = new XBeeMacService(Link, time: Scheduler.Time);
        Seed = seed;
    }

    public int Seed { get; }

    public SimulationScheduler Scheduler { get; }

    public SimulatedMedium Medium { get; }

    public Ieee802154Firmware Firmware { get; }

    public XBeeEmulator Emulator { get; }

    public InMemorySerialPipe Pipe { get; }

    public XBeeLink Link { get; }

    public XBeeMacService Mac { get; }

    /// <summary>The module's node index on the medium.</summary>
    public int ModuleNode => Firmware.Radio.Index;

    /// <summary>Serves the module on the cable, opens the link (API probe) and starts the MAC service.</summary>
    public MacTestBed Start()
    {
        Run(async () =>
        {
            await Emulator.AttachAsync(Pipe);
            await Link.StartAsync();
            await Mac.StartAsync();
            return true;
        });
        return this;
    }

    /// <summary>A software MAC on the medium, linked both ways to the module with <paramref name="lqi"/>.</summary>
    public MacService AddPeer(int index, byte lqi = 200, byte channel = 15, ushort panId = 0x1234, ushort shortAddress = 0x2002)
    {
        var radio = Medium.AddNode(PeerAddressBase + (ulong)index);
        Medium.Link(ModuleNode, radio.Index, lqi);
        var mac = new MacService(radio, Scheduler.Time, new Random((Seed * 31) + index));
        mac.Pib.PhyCurrentChannel = channel;
        mac.Pib.MacPanId = panId;
        mac.Pib.MacShortAddress = shortAddress;
        mac.Pib.MacRxOnWhenIdle = true;
        return mac;
    }

    public T Run<T>(Func<Task<T>> operation, TimeSpan? limit = null) =>
        Scheduler.Run(operation, limit ?? TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();

    public T RunValue<T>(Func<ValueTask<T>> operation, TimeSpan? limit = null) =>
        Scheduler.Run(async () => await operation(), limit ?? TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
}

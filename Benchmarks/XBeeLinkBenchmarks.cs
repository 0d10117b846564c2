using BenchmarkDotNet.Attributes;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Benchmarks;

/// <summary>
/// Round trips over the real serial path: an AT command (VR) from <see cref="XBeeLink"/> through System.IO.Ports to
/// the emulated module on a pseudo-terminal and its response back — frame ID allocation, framing, the terminal both
/// ways, the emulator's thread hand-off and the response matching. Mean time is one round trip. Linux only.
/// </summary>
[MemoryDiagnoser]
public class XBeeLinkBenchmarks
{
    private XBeeEmulator? _emulator;
    private XBeeLink? _link;

    [Params(ApiMode.Unescaped, ApiMode.Escaped)]
    public ApiMode Mode { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var scheduler = new SimulationScheduler();
        var firmware = Ieee802154Firmware.Create(scheduler, new SimulatedMedium(scheduler, 1), 0x0013A200_40BE0001);
        firmware.ApiMode = Mode;
        _emulator = new XBeeEmulator(firmware);
        _emulator.Start();
        _link = new XBeeLink(new SerialPortTransport(new SerialPortSettings(_emulator.PortPath!)), new XBeeLinkOptions { ApiMode = Mode });
        await _link.StartAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_link is not null)
        {
            await _link.DisposeAsync();
        }

        _emulator?.Dispose();
    }

    [Benchmark]
    public async Task<ulong> AtCommandRoundTrip() => await _link!.ReadNumberAsync(AtCommandName.VR);
}

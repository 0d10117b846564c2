using ZigBee.Stack.Hosting;
using ZigBee.XBee.Coordinator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Cli.XBee;

/// <summary>Where the dongle is and how to speak to it: the options every `zigbee xbee` action shares.</summary>
internal sealed record DongleAddress(string Port, int BaudRate, ApiMode ApiMode, bool ScanBaudRates);

/// <summary>
/// One conversation with a ZigBee-firmware dongle from the command line: the node's loop, the serial link and the
/// coordinator on it. Every action runs on the loop; serial trouble ends the command with a one-line error.
/// </summary>
internal static class DongleSession
{
    public static async Task<int> RunAsync(DongleAddress address, TextWriter output, Func<XBeeCoordinator, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        using var loop = new NodeLoop("xbee host");
        try
        {
            return await loop.RunAsync(async () =>
            {
                var transport = new SerialPortTransport(new SerialPortSettings(address.Port, address.BaudRate));
                await using var link = new XBeeLink(transport, new XBeeLinkOptions
                {
                    ApiMode = address.ApiMode,
                    BaudRate = address.BaudRate,
                    TryCommonBaudRates = address.ScanBaudRates,
                });
                await link.StartAsync(cancellationToken);
                link.StateChanged += state =>
                {
                    if (state == XBeeLinkState.Disconnected)
                    {
                        output.WriteLine($"{address.Port} vanished: pending requests failed; reopening it when it is back");
                    }
                    else if (state == XBeeLinkState.Connected)
                    {
                        output.WriteLine($"{address.Port} is back");
                    }
                };
                using var coordinator = new XBeeCoordinator(link);
                return await action(coordinator, cancellationToken);
            });
        }
        catch (Exception e) when (e is SerialLinkException or TimeoutException or XBeeCommandException)
        {
            Console.Error.WriteLine($"xbee: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}

using System.CommandLine;

namespace ZigBee.Cli;

/// <summary>Every subcommand of the `zigbee` tool; each lives in a folder of its own and adds one line here.</summary>
internal static class Commands
{
    public static IEnumerable<Command> All()
    {
        yield return Demo.DemoCommand.Create();
        yield return Decode.DecodeCommand.Create();
        yield return Simulate.SimulateCommand.Create();
        yield return XBee.XBeeCommand.Create();
        yield return XBee.XBeeEmulatorCommand.Create();
    }
}

using System.CommandLine;

namespace ZigBee.Cli.Demo;

/// <summary>`zigbee demo`: what the stack does today, on the simulated radio, in a few readable lines.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated radio", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run a small network on the simulated radio in virtual time and narrate it") { seed };
        command.SetAction(async (parse, _) => await new DemoRunner(Console.Out, parse.GetValue(seed)).Run());
        return command;
    }
}

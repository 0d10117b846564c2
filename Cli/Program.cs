using System.CommandLine;
using ZigBee.Cli;

var root = new RootCommand("zigbee — a ZigBee PRO stack in C#: decode captures, simulate networks, run the demo.");
foreach (var command in Commands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();

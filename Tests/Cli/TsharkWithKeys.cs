namespace ZigBee.Tests.Cli;

/// <summary>tshark field rows with ZigBee keys given on the command line (Wireshark's zigbee_pc_keys table, "Normal" byte order).</summary>
internal static class TsharkWithKeys
{
    public static async Task<List<string[]>> FieldsAsync(string capture, IReadOnlyList<string> keys, IReadOnlyList<string> fields, CancellationToken cancellation)
    {
        var arguments = new List<string> { "-r", capture, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        for (var i = 0; i < keys.Count; i++)
        {
            arguments.Add("-o");
            arguments.Add($"uat:zigbee_pc_keys:\"{keys[i]}\",\"Normal\",\"key{i}\"");
        }

        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var rows = new List<string[]>();
        foreach (var line in (await Tshark.RunAsync(arguments, cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = line.TrimEnd('\r').Split('\t');
            Assert.HasCount(fields.Count, row, line);
            rows.Add(row);
        }

        return rows;
    }
}

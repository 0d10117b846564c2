using System.Globalization;
using System.Text;

namespace ZigBee.Zdo.Management;

/// <summary>
/// Draws a <see cref="NetworkMap"/> as a standalone SVG 1.1 document: devices as circles coloured by role (the
/// coordinator largest, sleeping end devices hollow), each labelled with its network address; links as lines coloured
/// by LQI and labelled with the LQI each end reported; a legend and a title line with the counts.
/// </summary>
public static class NetworkMapSvg
{
    private const double Margin = 60;
    private const double LegendWidth = 230;

    public static string Render(NetworkMap map, string title = "ZigBee network map")
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            Write(map, writer, title);
        }

        return text.ToString();
    }

    public static void Write(NetworkMap map, TextWriter writer, string title = "ZigBee network map")
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(writer);
        var positions = NetworkMapLayout.Place(map);
        var (minX, minY, maxX, maxY) = Bounds(positions.Values);
        var offsetX = Margin + LegendWidth - minX;
        var offsetY = Margin + 40 - minY;
        var width = maxX - minX + (2 * Margin) + LegendWidth;
        var height = Math.Max(maxY - minY + (2 * Margin) + 40, 360);

        writer.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        writer.WriteLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{width:F0}\" height=\"{height:F0}\" viewBox=\"0 0 {width:F0} {height:F0}\" font-family=\"Helvetica, Arial, sans-serif\">"));
        writer.WriteLine($"  <title>{Escape(title)}</title>");
        writer.WriteLine("  <style>.lqi{font-size:10px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px}.addr{font-size:11px;fill:#111;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}</style>");
        writer.WriteLine(F($"  <rect x=\"0\" y=\"0\" width=\"{width:F0}\" height=\"{height:F0}\" fill=\"#ffffff\"/>"));
        writer.WriteLine(F($"  <text x=\"{Margin:F0}\" y=\"30\" font-size=\"16\" font-weight=\"bold\" fill=\"#111\">{Escape(title)} — {map.NodeCount} devices, {map.LinkCount} links</text>"));

        writer.WriteLine("  <g id=\"links\">");
        foreach (var link in map.Links)
        {
            if (!positions.TryGetValue(link.First, out var a) || !positions.TryGetValue(link.Second, out var b))
            {
                continue;
            }

            var (x1, y1, x2, y2) = (a.X + offsetX, a.Y + offsetY, b.X + offsetX, b.Y + offsetY);
            var dash = link.ParentChild ? string.Empty : " stroke-dasharray=\"5 3\"";
            writer.WriteLine(F($"    <line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"{LqiColour(link.Lqi)}\" stroke-width=\"{(link.ParentChild ? 2.5 : 1.2):F1}\" stroke-opacity=\"0.85\"{dash}/>"));
            writer.WriteLine(F($"    <text class=\"lqi\" x=\"{(x1 + x2) / 2:F1}\" y=\"{(y1 + y2) / 2:F1}\" text-anchor=\"middle\">{LqiLabel(link)}</text>"));
        }

        writer.WriteLine("  </g>");
        writer.WriteLine("  <g id=\"devices\">");
        foreach (var node in map.Nodes)
        {
            if (!positions.TryGetValue(node.NetworkAddress, out var p))
            {
                continue;
            }

            var (x, y) = (p.X + offsetX, p.Y + offsetY);
            var (radius, fill, stroke) = Style(node);
            writer.WriteLine(F($"    <circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"{radius:F0}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"><title>0x{node.NetworkAddress:X4} {node.IeeeAddress:X16} {RoleName(node)}</title></circle>"));
            writer.WriteLine(F($"    <text class=\"addr\" x=\"{x:F1}\" y=\"{y + radius + 13:F1}\">0x{node.NetworkAddress:X4}</text>"));
        }

        writer.WriteLine("  </g>");
        WriteLegend(writer);
        writer.WriteLine("</svg>");
    }

    private static void WriteLegend(TextWriter writer)
    {
        var x = Margin - 30;
        var y = 60.0;
        writer.WriteLine("  <g id=\"legend\" font-size=\"12\" fill=\"#111\">");
        writer.WriteLine(F($"    <rect x=\"{x:F0}\" y=\"{y:F0}\" width=\"{LegendWidth - 20:F0}\" height=\"270\" fill=\"#f7f7f7\" stroke=\"#999\"/>"));
        writer.WriteLine(F($"    <text x=\"{x + 10:F0}\" y=\"{y + 20:F0}\" font-weight=\"bold\">Legend</text>"));
        var row = y + 42;
        foreach (var (label, node) in new[]
                 {
                     ("Coordinator", new MapNode(0, 0, MapNodeRole.Coordinator, true)),
                     ("Router", new MapNode(0, 0, MapNodeRole.Router, true)),
                     ("End device", new MapNode(0, 0, MapNodeRole.EndDevice, true)),
                     ("Sleeping end device", new MapNode(0, 0, MapNodeRole.EndDevice, false)),
                 })
        {
            var (radius, fill, stroke) = Style(node);
            writer.WriteLine(F($"    <circle cx=\"{x + 22:F0}\" cy=\"{row - 4:F0}\" r=\"{Math.Min(radius, 10):F0}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>"));
            writer.WriteLine(F($"    <text x=\"{x + 42:F0}\" y=\"{row:F0}\">{label}</text>"));
            row += 24;
        }

        foreach (var (label, lqi, parentChild) in new[]
                 {
                     ("parent and child", (byte)255, true),
                     ("neighbours (mesh)", (byte)255, false),
                     ("LQI 200 or more", (byte)255, true),
                     ("LQI 120 to 199", (byte)150, true),
                     ("LQI under 120", (byte)60, true),
                 })
        {
            var dash = parentChild ? string.Empty : " stroke-dasharray=\"5 3\"";
            var colour = label.StartsWith("LQI", StringComparison.Ordinal) ? LqiColour(lqi) : "#555555";
            writer.WriteLine(F($"    <line x1=\"{x + 10:F0}\" y1=\"{row - 4:F0}\" x2=\"{x + 34:F0}\" y2=\"{row - 4:F0}\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>"));
            writer.WriteLine(F($"    <text x=\"{x + 42:F0}\" y=\"{row:F0}\">{label}</text>"));
            row += 20;
        }

        writer.WriteLine(F($"    <text x=\"{x + 10:F0}\" y=\"{row + 6:F0}\" font-size=\"10\">labels: LQI each end measured</text>"));
        writer.WriteLine("  </g>");
    }

    private static (double Radius, string Fill, string Stroke) Style(MapNode node) => node.Role switch
    {
        MapNodeRole.Coordinator => (16, "#d84315", "#7f2704"),
        MapNodeRole.Router => (12, "#1e88e5", "#0d47a1"),
        MapNodeRole.EndDevice when !node.RxOnWhenIdle => (9, "#ffffff", "#2e7d32"),
        MapNodeRole.EndDevice => (9, "#43a047", "#1b5e20"),
        _ => (9, "#bdbdbd", "#616161"),
    };

    private static string RoleName(MapNode node) => node.Role switch
    {
        MapNodeRole.Coordinator => "coordinator",
        MapNodeRole.Router => "router",
        MapNodeRole.EndDevice => node.RxOnWhenIdle ? "end device" : "sleeping end device",
        _ => "unknown",
    };

    private static string LqiColour(byte lqi) => lqi switch
    {
        >= 200 => "#2e7d32",
        >= 120 => "#f9a825",
        _ => "#c62828",
    };

    private static string LqiLabel(MapLink link) => (link.FirstLqi, link.SecondLqi) switch
    {
        ({ } a, { } b) when a != b => F($"{a}/{b}"),
        ({ } a, _) => F($"{a}"),
        (_, { } b) => F($"{b}"),
        _ => string.Empty,
    };

    private static (double MinX, double MinY, double MaxX, double MaxY) Bounds(IEnumerable<(double X, double Y)> points)
    {
        var (minX, minY, maxX, maxY) = (0.0, 0.0, 0.0, 0.0);
        foreach (var (x, y) in points)
        {
            (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
        }

        return (minX, minY, maxX, maxY);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Runtime.CompilerServices;

namespace ZigBee.Tests;

/// <summary>
/// Locates the repository root (the folder holding ZigBee.sln) and the shared test captures beside it
/// (<c>../shared/captures</c>). Builds may put binaries outside the repository (ZIGBEE_ARTIFACTS), so the search
/// starts both from the test binaries and from this source file's compile-time path.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The repository root, or null when it cannot be found.</summary>
    public static string? RepositoryRoot => Root.Value;

    /// <summary>The shared captures folder, or null when absent.</summary>
    public static string? CapturesDirectory
    {
        get
        {
            if (RepositoryRoot is not { } root)
            {
                return null;
            }

            var captures = Path.GetFullPath(Path.Combine(root, "..", "shared", "captures"));
            return Directory.Exists(captures) ? captures : null;
        }
    }

    /// <summary>The full path of a capture (relative to the captures folder); Inconclusive when it is absent.</summary>
    public static string Capture(string relativePath)
    {
        var directory = CapturesDirectory;
        if (directory is null)
        {
            Assert.Inconclusive("../shared/captures is absent beside the repository root; capture tests cannot run");
        }

        var path = Path.Combine(directory, relativePath);
        if (!File.Exists(path))
        {
            Assert.Inconclusive($"capture {relativePath} is absent from {directory}");
        }

        return path;
    }

    private static string? FindRoot() => FindUpwards(AppContext.BaseDirectory) ?? FindUpwards(Path.GetDirectoryName(ThisFile()));

    private static string? FindUpwards(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ZigBee.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}

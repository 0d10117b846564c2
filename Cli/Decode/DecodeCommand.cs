using System.CommandLine;
using ZigBee.Nwk.Security;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Cli.Decode;

/// <summary>`zigbee decode FILE.pcap [--json] [--key HEX]…`: every frame of a capture, in file order, one line each.</summary>
public static class DecodeCommand
{
    /// <summary>Exit code for a file that cannot be read as an 802.15.4 pcap (missing, not a pcap, wrong link type, truncated) or a bad --key.</summary>
    public const int FileError = 2;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "classic pcap file, link type 195 (802.15.4 with FCS) or 230 (without FCS)" };
        var json = new Option<bool>("--json") { Description = "one JSON object per frame and line instead of readable text" };
        var keys = new Option<string[]>("--key")
        {
            Description = "a network or link key, 32 hex digits (repeatable; tried on every secured frame, as Wireshark's key table)",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("decode", "Decode the IEEE 802.15.4 frames of a pcap capture.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(keys);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.GetValue(keys) ?? [],
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Decodes <paramref name="file"/> to <paramref name="output"/>. Undecodable frames are reported and decoding
    /// goes on (exit 0); a file that cannot be read gives one line on <paramref name="error"/> and exit code 2.
    /// </summary>
    public static int Run(FileInfo file, bool json, TextWriter output, TextWriter error) =>
        Run(file, json, [], output, error);

    /// <summary>
    /// As <see cref="Run(FileInfo, bool, TextWriter, TextWriter)"/>, decrypting with <paramref name="keys"/> (hex text,
    /// each tried as network and as link key); a key that is not 32 hex digits gives one line on
    /// <paramref name="error"/> and exit code 2.
    /// </summary>
    public static int Run(FileInfo file, bool json, IReadOnlyList<string> keys, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = new List<ZigBeeKey>(keys.Count);
        foreach (var text in keys)
        {
            if (!ZigBeeKey.TryParse(text, out var key))
            {
                error.WriteLine($"zigbee decode: --key {text}: not a key (32 hex digits, optionally separated by ':' or spaces)");
                return FileError;
            }

            parsed.Add(key);
        }

        using var decryptor = new FrameDecryptor(parsed);
        try
        {
            using var reader = PcapReader.Open(file.FullName);
            var jsonWriter = json ? new FrameJsonWriter(output, decryptor) : null;
            var text = json ? null : new FrameTextFormatter(decryptor);
            var number = 0;
            while (reader.TryReadNext(out var record))
            {
                number++;
                var psdu = record.Data.Span;
                if (jsonWriter is not null)
                {
                    jsonWriter.WriteFrame(number, record.Timestamp, psdu, reader.HasFcs);
                }
                else
                {
                    output.WriteLine(text!.Format(number, record.Timestamp, psdu, reader.HasFcs));
                }
            }

            output.Flush();
            return 0;
        }
        catch (PcapFormatException exception)
        {
            return Fail(error, file, exception.Message);
        }
        catch (FileNotFoundException)
        {
            return Fail(error, file, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            return Fail(error, file, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            return Fail(error, file, "permission denied");
        }
        catch (IOException exception)
        {
            return Fail(error, file, exception.Message);
        }
    }

    private static int Fail(TextWriter error, FileInfo file, string reason)
    {
        error.WriteLine($"zigbee decode: {file.FullName}: {reason}");
        return FileError;
    }
}

using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

// Node discovery (ND, with its time NT): one AT response per node that answers within NT, then an empty one.
public sealed partial class ZigBeeFirmware
{
    /// <summary>NT's range and default, in units of 100 ms (ZigBee RF Modules guide, NT).</summary>
    private const byte MinDiscoveryTime = 0x20;
    private const byte DefaultDiscoveryTime = 0x3C;

    /// <summary>The node identification's "source event" byte a discovery answer carries instead (the ND data's reserved status).</summary>
    internal const byte DiscoveryAnswer = 0x00;

    private byte _discoveryTime = DefaultDiscoveryTime;
    private (byte FrameId, int Generation)? _discovery;
    private int _discoveryGeneration;

    /// <summary>NT: how long a node discovery waits for answers.</summary>
    public TimeSpan DiscoveryTime => TimeSpan.FromMilliseconds(100 * _discoveryTime);

    /// <summary>
    /// ND runs for NT: a broadcast asks every node (those given NI as parameter: only that one) to identify itself; each
    /// answer becomes an AT response with the node's MY, SH, SL, NI, parent, type, status, profile and manufacturer,
    /// and an empty response ends it. The request's form on the air is Digi's; here it is our own (see the device).
    /// </summary>
    protected override bool BeginDeferredAtCommand(byte frameId, AtCommandName command, ReadOnlySpan<byte> parameter)
    {
        if (command != AtCommandName.ND)
        {
            return false;
        }

        if (parameter.Length > 20)
        {
            SendAtResponse(frameId, command, AtCommandStatus.InvalidParameter, default);
            return true;
        }

        if (!Nwk.IsJoined || _discovery is not null)
        {
            // Not in a network, or a discovery already runs: nobody to ask now.
            SendAtResponse(frameId, command, AtCommandStatus.Ok, default);
            return true;
        }

        var generation = ++_discoveryGeneration;
        _discovery = (frameId, generation);
        var request = new byte[1 + parameter.Length];
        request[0] = _discoveryTime;
        parameter.CopyTo(request.AsSpan(1));
        Observe(Aps.DataRequestAsync(ApsdeDataRequest.ToShort(NwkConstants.BroadcastAll, Digi.DataEndpoint, Digi.Profile, Digi.NodeIdentificationCluster, Digi.DataEndpoint, request)));
        Scheduler.Schedule(DiscoveryTime, () =>
        {
            if (_discovery is { } running && running.Generation == generation)
            {
                _discovery = null;
                SendAtResponse(running.FrameId, AtCommandName.ND, AtCommandStatus.Ok, default);
            }
        });
        return true;
    }

    /// <summary>NT: read or set (0x20–0xFF, × 100 ms).</summary>
    private AtCommandStatus DiscoveryTimeCommand(ReadOnlySpan<byte> parameter, Span<byte> value, out int valueLength) =>
        NumericSetting(parameter, 1, _discoveryTime, v => _discoveryTime = (byte)v, value, out valueLength, min: MinDiscoveryTime, max: 0xFF);

    /// <summary>A node's answer to the running discovery: its identification without the source event, as ND data.</summary>
    private bool TryAnswerDiscovery(in NodeIdentificationFrame identification, ReadOnlySpan<byte> payload)
    {
        if (identification.SourceEvent != (NodeIdentificationEvent)DiscoveryAnswer || _discovery is not { } running)
        {
            return false;
        }

        SendAtResponse(running.FrameId, AtCommandName.ND, AtCommandStatus.Ok, payload);
        return true;
    }
}

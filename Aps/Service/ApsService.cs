using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.Aps.Frames;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Aps.Tables;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

/// <summary>
/// The application support sub-layer (ZigBee R22 §2.2) over our <see cref="NwkService"/>: APSDE-DATA with every
/// addressing mode, APS acknowledgements and retries, duplicate rejection, the binding and group tables
/// (APSME-BIND/UNBIND, ADD-GROUP/REMOVE-GROUP/REMOVE-ALL-GROUPS) and fragmentation with a window. Like the layers
/// below, it runs on one synchronization context (the simulator's, or the application's loop): call it from there.
/// APS security (§4.4): link keys per partner, secured APS commands, and the trust center and joiner roles (ApsService.TrustCenter.cs).
/// </summary>
public sealed partial class ApsService : IApsDataService, IDisposable
{
    /// <summary>The broadcast endpoint: a frame for it goes to every active endpoint (§2.2.4.1.1).</summary>
    public const byte BroadcastEndpoint = 0xFF;

    /// <summary>Endpoint of the ZigBee device object, always active.</summary>
    public const byte ZdoEndpoint = 0x00;

    private readonly NwkService _nwk;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool[] _activeEndpoints = new bool[256];
    private readonly ApsDuplicateRejectionTable _duplicates;
    private readonly List<PendingAck> _pendingAcks = new();
    private readonly List<FragmentSender> _fragmentSenders = new();
    private readonly List<Reassembly> _reassemblies = new();
    private byte _counter;
    private bool _disposed;

    public ApsService(NwkService nwk, TimeProvider time, ApsServiceOptions? options = null, ILogger<ApsService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(nwk);
        ArgumentNullException.ThrowIfNull(time);
        Options = options ?? new ApsServiceOptions();
        if (Options.MaxWindowSize is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxWindowSize, "apsMaxWindowSize is 1–8");
        }

        _nwk = nwk;
        _time = time;
        _logger = logger ?? NullLogger<ApsService>.Instance;
        Bindings = new BindingTable(Options.BindingTableCapacity);
        Groups = new GroupTable(Options.GroupTableCapacity);
        _duplicates = new ApsDuplicateRejectionTable(Options.DuplicateRejectionTableCapacity, Options.DuplicateRejectionTimeout);
        _activeEndpoints[ZdoEndpoint] = true;
        _counter = (byte)(nwk.ExtendedAddress ^ (nwk.ExtendedAddress >> 8));
        _nwk.DataIndication += OnNwkDataIndication;
        _nwk.LeaveIndication += OnNwkLeaveIndication;
        _nwk.JoinIndication += OnNwkJoinIndication;
    }

    public ApsServiceOptions Options { get; }

    public ApsCounters Counters { get; } = new();

    /// <summary>apsBindingTable.</summary>
    public BindingTable Bindings { get; }

    /// <summary>apsGroupTable.</summary>
    public GroupTable Groups { get; }

    /// <summary>The network layer this service runs on.</summary>
    public NwkService Nwk => _nwk;

    public ushort NetworkAddress => _nwk.NetworkAddress;

    public ulong ExtendedAddress => _nwk.ExtendedAddress;

    /// <summary>The largest ASDU sent in one frame; longer ones need fragmentation.</summary>
    public int MaxAsduLength => _nwk.MaxNsduLength - UnicastHeaderLength;

    /// <summary>The ASDU bytes each block of a fragmented transfer carries (the last one may carry fewer).</summary>
    public int BlockLength => _nwk.MaxNsduLength - BlockHeaderLength;

    /// <summary>Acknowledged frames and fragmented transfers in flight.</summary>
    public int PendingCount => _pendingAcks.Count + _fragmentSenders.Count;

    /// <summary>Fragmented transfers being received (or recently completed, kept to answer retransmissions).</summary>
    public int ReassemblyCount => _reassemblies.Count;

    /// <summary>APSDE-DATA.indication (§2.2.4.1.3).</summary>
    public event ApsdeDataIndicationHandler? DataIndication;

    /// <summary>Header of an unfragmented unicast data frame: frame control, endpoints, cluster, profile, counter.</summary>
    private const int UnicastHeaderLength = 8;

    /// <summary>Header of a block: the unicast header plus extended frame control and block number.</summary>
    private const int BlockHeaderLength = UnicastHeaderLength + 2;

    /// <summary>Makes an application endpoint (0x01–0xF0) active: frames for it, for the broadcast endpoint and for its groups are delivered.</summary>
    public void RegisterEndpoint(byte endpoint)
    {
        if (endpoint is 0 or > 0xF0)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "application endpoints are 0x01–0xF0");
        }

        _activeEndpoints[endpoint] = true;
    }

    /// <summary>Makes an application endpoint inactive and removes it from every group.</summary>
    public void UnregisterEndpoint(byte endpoint)
    {
        if (endpoint is 0 or > 0xF0)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "application endpoints are 0x01–0xF0");
        }

        _activeEndpoints[endpoint] = false;
        Groups.RemoveAll(endpoint);
    }

    /// <summary>True when frames for <paramref name="endpoint"/> are delivered here (the ZDO endpoint always is).</summary>
    public bool IsEndpointActive(byte endpoint) => _activeEndpoints[endpoint];

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _nwk.DataIndication -= OnNwkDataIndication;
        _nwk.LeaveIndication -= OnNwkLeaveIndication;
        _nwk.JoinIndication -= OnNwkJoinIndication;
        _keyPairs?.Dispose();
        _preconfiguredCiphers?.Dispose();
        foreach (var pending in _pendingAcks.ToArray())
        {
            pending.Waiter.Dispose();
        }

        foreach (var sender in _fragmentSenders.ToArray())
        {
            sender.Waiter.Dispose();
        }

        foreach (var reassembly in _reassemblies.ToArray())
        {
            reassembly.Dispose();
        }

        _reassemblies.Clear();
    }

    /// <summary>The APS counter for the next frame (§2.2.5.1.6): one per transmission, shared by every block of a transfer.</summary>
    private byte NextCounter() => _counter++;

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>An acknowledged unfragmented frame waiting for its APS acknowledgement.</summary>
    private sealed class PendingAck(ushort destination, byte counter, AckWaiter waiter)
    {
        public ushort Destination { get; } = destination;

        public byte Counter { get; } = counter;

        public AckWaiter Waiter { get; } = waiter;
    }
}

using ZigBee.Nwk.Nib;
using ZigBee.Stack.Zdo;
using ZigBee.Zdo.Management;
using ZigBee.Zdo.Service;

namespace ZigBee.Stack.Scenarios;

// ZDO on every node: announcements, ZDP servers, and the coordinator's network manager (interviews, topology crawl).
public sealed partial class NwkScenario
{
    /// <summary>Home Automation profile of the scenario's application endpoints.</summary>
    public const ushort HomeAutomation = 0x0104;

    public const ushort BasicCluster = 0x0000;

    public const ushort IdentifyCluster = 0x0003;

    public const ushort OnOffCluster = 0x0006;

    public const ushort TemperatureMeasurementCluster = 0x0402;

    /// <summary>How long a crawl may run past the end of the run's drain time before the run gives up on it.</summary>
    private static readonly TimeSpan CrawlLimit = TimeSpan.FromMinutes(15);

    private ZdoService[] _zdos = [];
    private StackZdoNode[] _zdoNodes = [];
    private ZdoNetworkManager? _manager;
    private Task? _crawlTask;
    private CrawlResult? _crawl;

    /// <summary>Every node's ZDO (empty unless <see cref="NwkScenarioOptions.Zdo"/>).</summary>
    public IReadOnlyList<ZdoService> ZdoNodes => _zdos;

    /// <summary>The coordinator's network manager (null unless <see cref="NwkScenarioOptions.Zdo"/>).</summary>
    public ZdoNetworkManager? NetworkManager => _manager;

    /// <summary>The coordinator's topology crawl, once it has completed.</summary>
    public CrawlResult? Crawl => _crawl;

    /// <summary>
    /// The application endpoint each kind of device describes: the coordinator a combined interface, routers on/off
    /// lights, rx-on end devices on/off switches, sleeping end devices temperature sensors. All serve the scenario's
    /// own cluster too.
    /// </summary>
    public ZdoEndpoint EndpointOf(int node) =>
        node == 0 ? new ZdoEndpoint(Endpoint, HomeAutomation, 0x0007, 1, [BasicCluster, ScenarioCluster], [OnOffCluster])
        : _router[node] ? new ZdoEndpoint(Endpoint, HomeAutomation, 0x0100, 1, [BasicCluster, IdentifyCluster, OnOffCluster, ScenarioCluster], [])
        : _sleepy[node] ? new ZdoEndpoint(Endpoint, HomeAutomation, 0x0302, 1, [BasicCluster, TemperatureMeasurementCluster, ScenarioCluster], [])
        : new ZdoEndpoint(Endpoint, HomeAutomation, 0x0000, 1, [BasicCluster, IdentifyCluster, ScenarioCluster], [OnOffCluster]);

    /// <summary>
    /// The links the simulator has among the devices in the network now: every two routers (or router and
    /// coordinator) that hear each other both ways, and every end device with its parent. As pairs of network
    /// addresses, lower first.
    /// </summary>
    public HashSet<(ushort, ushort)> TrueLinks()
    {
        var links = new HashSet<(ushort, ushort)>();
        for (var i = 0; i < _nwks.Length; i++)
        {
            if (!Alive(i))
            {
                continue;
            }

            var a = _nwks[i].NetworkAddress;
            if (_nwks[i].Role == NwkDeviceRole.EndDevice)
            {
                links.Add(Pair(a, _nwks[i].ParentAddress));
                continue;
            }

            for (var j = i + 1; j < _nwks.Length; j++)
            {
                if (Alive(j) && _nwks[j].Role != NwkDeviceRole.EndDevice && Medium.IsLinked(i, j) && Medium.IsLinked(j, i))
                {
                    links.Add(Pair(a, _nwks[j].NetworkAddress));
                }
            }
        }

        return links;
    }

    /// <summary>Starts the coordinator's crawl now (the run also starts one at <see cref="NwkScenarioOptions.CrawlAt"/>).</summary>
    public Task<CrawlResult> StartCrawl()
    {
        if (_manager is null)
        {
            throw new InvalidOperationException("the crawl needs ZDO (NwkScenarioOptions.Zdo)");
        }

        var crawl = KeepCrawlAsync(_manager);
        _crawlTask = crawl;
        return crawl;
    }

    private async Task<CrawlResult> KeepCrawlAsync(ZdoNetworkManager manager)
    {
        var result = await manager.CrawlAsync();
        _crawl = result;
        return result;
    }

    private static (ushort, ushort) Pair(ushort a, ushort b) => a < b ? (a, b) : (b, a);

    private void CreateZdoLayer()
    {
        var nodes = _nwks.Length;
        _zdos = new ZdoService[nodes];
        _zdoNodes = new StackZdoNode[nodes];
        for (var i = 0; i < nodes; i++)
        {
            _zdoNodes[i] = new StackZdoNode(_nwks[i], _aps[i]);
            _zdos[i] = new ZdoService(_aps[i], _zdoNodes[i], Scheduler.Time);
            _zdos[i].RegisterEndpoint(EndpointOf(i));
        }

        _manager = new ZdoNetworkManager(_zdos[0], Scheduler.Time);
    }

    /// <summary>
    /// Runs on past the drain time while the crawl, or the interviews of devices only the crawl found, are still
    /// going (bounded by <see cref="CrawlLimit"/>).
    /// </summary>
    private void FinishCrawl()
    {
        if (_crawlTask is null)
        {
            return;
        }

        var limit = Scheduler.Now + CrawlLimit;
        while ((!_crawlTask.IsCompleted || _manager!.PendingInterviews > 0) && Scheduler.Now < limit)
        {
            Scheduler.RunFor(TimeSpan.FromSeconds(1));
        }
    }

    private (int Found, int True, int Matched) LinkCounts()
    {
        if (Crawl is not { } crawl)
        {
            return (0, 0, 0);
        }

        var truth = TrueLinks();
        var matched = 0;
        foreach (var link in crawl.Map.Links)
        {
            if (truth.Contains(Pair(link.First, link.Second)))
            {
                matched++;
            }
        }

        return (crawl.Map.LinkCount, truth.Count, matched);
    }

    private int InterviewedCount
    {
        get
        {
            if (_manager is null)
            {
                return 0;
            }

            var count = 0;
            for (var i = 1; i < _options.Nodes; i++)
            {
                if (_manager.Devices.ContainsKey(_nwks[i].ExtendedAddress))
                {
                    count++;
                }
            }

            return count;
        }
    }
}

using ZigBee.Simulation.Scheduling;
using ZigBee.Zdo.Service;

namespace ZigBee.Tests.Zdo.Fakes;

/// <summary>
/// Carries frames between <see cref="FakeApsDataService"/>s in virtual time: a unicast to the service with that network
/// address (lost when there is none), a broadcast to every other service, each after <see cref="Latency"/>.
/// </summary>
internal sealed class FakeApsNetwork(SimulationScheduler scheduler)
{
    private readonly List<FakeApsDataService> _members = [];

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Frames nobody received (a unicast to an address no member has).</summary>
    public int Lost { get; private set; }

    public void Add(FakeApsDataService member)
    {
        member.Network = this;
        _members.Add(member);
    }

    public void Carry(FakeApsDataService sender, SentFrame frame)
    {
        var broadcast = ZdpBroadcast.IsBroadcast(frame.Destination);
        var delivered = false;
        foreach (var member in _members)
        {
            if (member == sender || (!broadcast && member.NetworkAddress != frame.Destination))
            {
                continue;
            }

            delivered = true;
            var source = sender.NetworkAddress;
            scheduler.Schedule(Latency, () => member.Deliver(source, frame.Destination, frame.Cluster, frame.Asdu, broadcast, frame.ProfileId, frame.DstEndpoint));
        }

        if (!delivered)
        {
            Lost++;
        }
    }
}

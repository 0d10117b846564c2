namespace ZigBee.Simulation.Medium;

// Fault injection: power, broken links, burst loss and corruption in flight.
public sealed partial class SimulatedMedium
{
    /// <summary>
    /// Switches a node off: it hears nothing and radiates nothing, and a frame it has on air is cut (no receiver gets
    /// it). Its radio still completes transmissions after their airtime, so the MAC above is not left waiting; a
    /// harness that wants a dead stack stops it as well.
    /// </summary>
    public void SwitchOff(int node)
    {
        var radio = Radio(node);
        radio.IsPowered = false;
        if (radio.Current is { } frame)
        {
            CutTransmission(frame);
        }
    }

    /// <summary>Switches a node back on; it hears frames that start from now on.</summary>
    public void SwitchOn(int node) => Radio(node).IsPowered = true;

    /// <summary>Breaks the link in both directions (it keeps its settings for <see cref="HealLink"/>); a frame on air over it is lost.</summary>
    public void BreakLink(int a, int b)
    {
        if (!SetBroken(a, b, true) & !SetBroken(b, a, true))
        {
            throw new InvalidOperationException($"No link between node {a} and node {b}.");
        }
    }

    public void HealLink(int a, int b)
    {
        if (!SetBroken(a, b, false) & !SetBroken(b, a, false))
        {
            throw new InvalidOperationException($"No link between node {a} and node {b}.");
        }
    }

    /// <summary>Sets the loss probability (0–1) of an existing link in both directions.</summary>
    public void SetLinkLoss(int a, int b, double lossProbability)
    {
        Topologies.Topology.ValidateLoss(lossProbability);
        SetLoss(ExistingLink(a, b), lossProbability);
        SetLoss(ExistingLink(b, a), lossProbability);

        static void SetLoss((LinkTable Table, int Slot) link, double lossProbability)
        {
            link.Table.Faults(link.Slot).LossProbability = lossProbability;
            link.Table.RefreshFaulty(link.Slot);
        }
    }

    /// <summary>Loses every frame on the link, both directions, that starts before now + <paramref name="duration"/> (frames on air included).</summary>
    public void BurstLoss(int a, int b, TimeSpan duration)
    {
        var until = BurstEnd(duration);
        var forward = ExistingLink(a, b);
        var backward = ExistingLink(b, a);
        ExtendBurst(forward, until);
        ExtendBurst(backward, until);

        static void ExtendBurst((LinkTable Table, int Slot) link, long until)
        {
            ref var faults = ref link.Table.Faults(link.Slot);
            faults.BurstUntilTicks = Math.Max(faults.BurstUntilTicks, until);
            link.Table.RefreshFaulty(link.Slot);
        }
    }

    /// <summary>Loses every frame arriving at <paramref name="node"/>, from anyone, that starts before now + <paramref name="duration"/>.</summary>
    public void BurstLossAt(int node, TimeSpan duration)
    {
        ref var radio = ref Radio(node).State;
        radio.BurstUntilTicks = Math.Max(radio.BurstUntilTicks, BurstEnd(duration));
        radio.UpdateFaulty();
    }

    /// <summary>
    /// Each frame <paramref name="to"/> receives from <paramref name="from"/> is corrupted with this probability: the
    /// receiver's copy gets flipped bits so its FCS check fails; the sender and other receivers are unaffected.
    /// </summary>
    public void SetCorruption(int from, int to, double probability)
    {
        Topologies.Topology.ValidateLoss(probability, nameof(probability));
        var (table, slot) = ExistingLink(from, to);
        table.Faults(slot).CorruptionProbability = probability;
        table.RefreshFaulty(slot);
    }

    /// <summary>Corrupts the next <paramref name="count"/> frames <paramref name="to"/> receives from <paramref name="from"/>.</summary>
    public void CorruptNextFrames(int from, int to, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var (table, slot) = ExistingLink(from, to);
        table.Faults(slot).CorruptNextFrames = count;
        table.RefreshFaulty(slot);
    }

    /// <summary>Corrupts the next <paramref name="count"/> frames <paramref name="node"/> receives, from any sender.</summary>
    public void CorruptNextFramesAt(int node, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ref var radio = ref Radio(node).State;
        radio.CorruptNextFrames = count;
        radio.UpdateFaulty();
    }

    /// <summary>Breaks or heals one direction; false when that direction has no link.</summary>
    private bool SetBroken(int from, int to, bool broken)
    {
        if (!TryFindExisting(from, to, out var slot))
        {
            return false;
        }

        var sender = _radios[from];
        ref var link = ref sender.Links[slot];
        if (broken)
        {
            DropEnergy(sender, ref link);
        }

        link.Broken = broken;
        return true;
    }

    /// <summary>The sender's table and the slot in it of a link that exists now; throws without one.</summary>
    private (LinkTable Table, int Slot) ExistingLink(int from, int to) =>
        TryFindExisting(from, to, out var slot) ? (_radios[from].Links, slot) : throw new InvalidOperationException($"No link from node {from} to node {to}.");

    private long BurstEnd(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(duration.Ticks, nameof(duration));
        return Scheduler.NowTicks + duration.Ticks;
    }
}

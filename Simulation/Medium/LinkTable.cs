namespace ZigBee.Simulation.Medium;

/// <summary>
/// A sender's outgoing links in the order they were first made (the order receivers are served in), as two parallel
/// arrays: the hot <see cref="MediumLink"/> part walked at every frame's start and end, and the faults read only where
/// a link has one.
/// </summary>
internal sealed class LinkTable
{
    private MediumLink[] _links = [];
    private LinkFaults[] _faults = [];

    public int Count { get; private set; }

    /// <summary>The links made so far; valid until the next <see cref="Add"/>.</summary>
    public Span<MediumLink> All => _links.AsSpan(0, Count);

    public ref MediumLink this[int slot] => ref _links[slot];

    public ref LinkFaults Faults(int slot) => ref _faults[slot];

    /// <summary>Keeps <see cref="MediumLink.Faulty"/> true exactly while the slot has a fault; call after changing its faults.</summary>
    public void RefreshFaulty(int slot) => _links[slot].Faulty = _faults[slot].Any;

    /// <summary>Appends a link to <paramref name="to"/> that does not exist yet (no <see cref="MediumLink.Exists"/>) and returns its slot.</summary>
    public int Add(int to)
    {
        if (Count == _links.Length)
        {
            var size = Math.Max(4, Count * 2);
            Array.Resize(ref _links, size);
            Array.Resize(ref _faults, size);
        }

        _links[Count] = new MediumLink { To = to };
        _faults[Count] = LinkFaults.None;
        return Count++;
    }
}

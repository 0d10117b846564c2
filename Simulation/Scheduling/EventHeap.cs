using System.Runtime.CompilerServices;

namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// An array-backed 4-ary min-heap of struct entries ordered by (due, sequence), compared inline: no interface call
/// per comparison and no allocation once the array has grown to the largest backlog. Keys are unique (the sequence
/// is), so the order entries leave in does not depend on how the heap happens to be shaped.
/// </summary>
internal sealed class EventHeap<T>
    where T : struct, IHeapEntry<T>
{
    // Four children per node halve the depth of a binary heap; the children of one node share a cache line or two.
    private const int Log2Arity = 2;
    private const int Arity = 1 << Log2Arity;

    private T[] _items = new T[64];
    private int _count;

    public int Count => _count;

    /// <summary>The earliest entry; only when <see cref="Count"/> is non-zero.</summary>
    public ref readonly T First => ref _items[0];

    public void Push(in T entry)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        SiftUp(_count++, entry);
    }

    /// <summary>Removes and returns the earliest entry; only when <see cref="Count"/> is non-zero.</summary>
    public T Pop()
    {
        var first = _items[0];
        var last = _items[--_count];
        _items[_count] = default;
        if (_count > 0)
        {
            SiftDown(0, last);
        }

        return first;
    }

    /// <summary>Puts <paramref name="entry"/> in place of the one at <paramref name="index"/>, whatever its new key.</summary>
    public void Replace(int index, in T entry)
    {
        if (index > 0)
        {
            ref readonly var parent = ref _items[(index - 1) >> Log2Arity];
            if (Before(entry.Due, entry.Sequence, parent.Due, parent.Sequence))
            {
                SiftUp(index, entry);
                return;
            }
        }

        SiftDown(index, entry);
    }

    /// <summary>Removes the entry at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        var last = _items[--_count];
        _items[_count] = default;
        if (index < _count)
        {
            Replace(index, last);
        }
    }

    // Inlined by hand: without it the JIT calls this for every comparison of every sift.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Before(long due, long sequence, long otherDue, long otherSequence) =>
        due < otherDue || (due == otherDue && sequence < otherSequence);

    // Moves the hole at index up past every later parent, then drops the entry into it.
    private void SiftUp(int index, in T entry)
    {
        var items = _items;
        var due = entry.Due;
        var sequence = entry.Sequence;
        while (index > 0)
        {
            var parent = (index - 1) >> Log2Arity;
            ref readonly var above = ref items[parent];
            if (!Before(due, sequence, above.Due, above.Sequence))
            {
                break;
            }

            items[index] = above;
            T.Placed(above, index);
            index = parent;
        }

        items[index] = entry;
        T.Placed(entry, index);
    }

    // Moves the hole at index down past every earlier child, then drops the entry into it.
    private void SiftDown(int index, in T entry)
    {
        var items = _items;
        var count = _count;
        var due = entry.Due;
        var sequence = entry.Sequence;
        while (true)
        {
            var child = (index << Log2Arity) + 1;
            if (child >= count)
            {
                break;
            }

            var best = child;
            var bestDue = items[child].Due;
            var bestSequence = items[child].Sequence;
            var end = Math.Min(child + Arity, count);
            for (var c = child + 1; c < end; c++)
            {
                ref readonly var candidate = ref items[c];
                if (Before(candidate.Due, candidate.Sequence, bestDue, bestSequence))
                {
                    best = c;
                    bestDue = candidate.Due;
                    bestSequence = candidate.Sequence;
                }
            }

            if (!Before(bestDue, bestSequence, due, sequence))
            {
                break;
            }

            items[index] = items[best];
            T.Placed(items[index], index);
            index = best;
        }

        items[index] = entry;
        T.Placed(entry, index);
    }
}

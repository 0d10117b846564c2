namespace ZigBee.Aps.Service;

public sealed partial class ApsService
{
    /// <summary>
    /// One fragmented transfer being received from a source, known by the APS counter all its blocks share. Blocks
    /// are kept as they come (in any order); the block count arrives with block 0.
    /// </summary>
    private sealed class Reassembly : IDisposable
    {
        private readonly byte[]?[] _blocks = new byte[]?[256];
        private readonly ITimer _timer;
        private int _stored;
        private int _bytes;

        public Reassembly(ApsService owner, ushort source, byte counter)
        {
            Source = source;
            Counter = counter;
            _timer = owner._time.CreateTimer(static state => ((Expiry)state!).Fire(), new Expiry(owner, this), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public ushort Source { get; }

        public byte Counter { get; }

        /// <summary>Blocks in the transfer; 0 until block 0 arrives.</summary>
        public int BlockCount { get; private set; }

        /// <summary>Delivered; kept a while to acknowledge retransmissions without delivering again.</summary>
        public bool Completed { get; set; }

        public bool IsWhole => BlockCount != 0 && _stored == BlockCount;

        /// <summary>Takes the block count from block 0; false when it contradicts what is already held.</summary>
        public bool SetBlockCount(int count)
        {
            if (BlockCount == count)
            {
                return true;
            }

            if (BlockCount != 0)
            {
                return false;
            }

            for (var i = count; i < _blocks.Length; i++)
            {
                if (_blocks[i] is not null)
                {
                    return false;
                }
            }

            BlockCount = count;
            return true;
        }

        /// <summary>Keeps a block (a repeat is ignored); false when the transfer would grow past <paramref name="maxBytes"/>.</summary>
        public bool Store(int index, ReadOnlySpan<byte> payload, int maxBytes)
        {
            if (_blocks[index] is not null)
            {
                return true;
            }

            if (_bytes + payload.Length > maxBytes)
            {
                return false;
            }

            _blocks[index] = payload.ToArray();
            _bytes += payload.Length;
            _stored++;
            return true;
        }

        /// <summary>Bit i set when block <paramref name="start"/> + i is held, for the blocks [start, end).</summary>
        public byte Bitfield(int start, int end)
        {
            var bits = 0;
            for (var i = start; i < end && i < _blocks.Length; i++)
            {
                if (_blocks[i] is not null)
                {
                    bits |= 1 << (i - start);
                }
            }

            return (byte)bits;
        }

        public byte[] Assemble()
        {
            var asdu = new byte[_bytes];
            var offset = 0;
            for (var i = 0; i < BlockCount; i++)
            {
                var block = _blocks[i]!;
                block.CopyTo(asdu, offset);
                offset += block.Length;
            }

            return asdu;
        }

        /// <summary>Restarts the reassembly timeout.</summary>
        public void Touch(TimeSpan timeout) => _timer.Change(timeout, Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer.Dispose();

        private sealed class Expiry(ApsService owner, Reassembly reassembly)
        {
            public void Fire() => owner.OnReassemblyExpired(reassembly);
        }
    }
}

using ZigBee.Aps.Frames;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

// Fragmented transmission and reassembly (§2.2.8.4.5): blocks sent a window at a time, one acknowledgement per
// window with a bitfield of the blocks received, only missing blocks sent again, the ASDU delivered only whole.
public sealed partial class ApsService
{
    /// <summary>
    /// Sends <paramref name="asdu"/> in blocks of <see cref="BlockLength"/>. Every block carries the same APS counter;
    /// block 0 carries the block count. Returns Success once every block is acknowledged, NoAck when a window stays
    /// incomplete through apscMaxFrameRetries retransmissions.
    /// </summary>
    private async Task<(ApsStatus Status, NwkStatus Nwk)> SendFragmentedAsync(ushort destination, ApsHeader header, byte[] asdu, byte radius, CancellationToken cancellationToken)
    {
        var blockLength = BlockLength;
        var blocks = (asdu.Length + blockLength - 1) / blockLength;
        var window = Options.MaxWindowSize;
        header = header with { FrameControl = ApsFrameControl.Create(ApsFrameType.Data, ApsDeliveryMode.Unicast, ackRequest: true) };
        var sender = new FragmentSender(destination, header.Counter, new AckWaiter(_time));
        _fragmentSenders.Add(sender);
        Counters.FragmentedTransfersSent++;
        var lastNwk = NwkStatus.Success;
        try
        {
            for (var start = 0; start < blocks; start += window)
            {
                var end = Math.Min(start + window, blocks);
                sender.BeginWindow(start, end - start);
                var round = 0;
                var silentRounds = 0;
                while (!sender.WindowComplete)
                {
                    var first = true;
                    for (var block = start; block < end; block++)
                    {
                        if (sender.IsAcknowledged(block))
                        {
                            continue;
                        }

                        if (!first && Options.InterframeDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(Options.InterframeDelay, _time, cancellationToken);
                        }

                        first = false;
                        if (round > 0)
                        {
                            Counters.Retries++;
                        }

                        var offset = block * blockLength;
                        var length = Math.Min(blockLength, asdu.Length - offset);
                        var blockHeader = block == 0
                            ? header.AsBlock(ApsFragmentation.First, (byte)blocks)
                            : header.AsBlock(ApsFragmentation.Subsequent, (byte)block);
                        lastNwk = await SendFrameAsync(destination, blockHeader, asdu.AsSpan(offset, length), radius);
                        if (sender.WindowComplete || lastNwk != NwkStatus.Success)
                        {
                            // A block NWK could not send: the rest of the round would fare no better; wait, then retry.
                            break;
                        }
                    }

                    round++;
                    if (sender.WindowComplete)
                    {
                        break;
                    }

                    // A retry is a wait that brought no news (§2.2.8.4.5.1): an acknowledgement naming new blocks
                    // shows the transfer moving, and what it still misses goes out at once.
                    var before = sender.AcknowledgedCount;
                    var answered = await sender.Waiter.WaitAsync(Options.AckWaitDuration, cancellationToken);
                    silentRounds = answered && sender.AcknowledgedCount > before ? 0 : silentRounds + 1;
                    if (silentRounds > Options.MaxFrameRetries)
                    {
                        Counters.NoAck++;
                        return (ApsStatus.NoAck, lastNwk);
                    }
                }
            }

            Counters.FragmentedTransfersCompleted++;
            return (ApsStatus.Success, NwkStatus.Success);
        }
        finally
        {
            _fragmentSenders.Remove(sender);
            sender.Waiter.Dispose();
        }
    }

    /// <summary>
    /// A block arrived (§2.2.8.4.5.2): kept, and the window acknowledged once it is complete or its last block came
    /// (the bitfield shows which blocks are still missing). When every block is in, the whole ASDU is delivered once.
    /// </summary>
    private void OnBlock(in NldeDataIndication indication, in ApsHeader header, ReadOnlySpan<byte> payload)
    {
        var now = indication.RxTime;
        var reassembly = FindReassembly(indication.SrcAddr, header.Counter);
        var first = header.Fragmentation == ApsFragmentation.First;
        if (header.Fragmentation == ApsFragmentation.Reserved || (first && header.BlockNumber == 0) || payload.IsEmpty)
        {
            Counters.ReassemblyRefused++;
            return;
        }

        var index = first ? 0 : header.BlockNumber;
        if (reassembly is null)
        {
            if (_reassemblies.Count >= Options.MaxPendingReassemblies)
            {
                Counters.ReassemblyRefused++;
                return;
            }

            reassembly = new Reassembly(this, indication.SrcAddr, header.Counter);
            _reassemblies.Add(reassembly);
        }

        if (!reassembly.Completed)
        {
            if (first && !reassembly.SetBlockCount(header.BlockNumber))
            {
                // Blocks beyond the announced count were already held: the transfer is inconsistent.
                DropReassembly(reassembly);
                Counters.ReassemblyRefused++;
                return;
            }

            if (reassembly.BlockCount != 0 && index >= reassembly.BlockCount)
            {
                Counters.ReassemblyRefused++;
                return;
            }

            if (!reassembly.Store(index, payload, Options.MaxTransferSize))
            {
                DropReassembly(reassembly);
                Counters.ReassemblyRefused++;
                return;
            }
        }

        reassembly.Touch(Options.ReassemblyTimeout);
        var window = Options.MaxWindowSize;
        var start = index / window * window;
        var end = reassembly.BlockCount == 0 ? start + window : Math.Min(start + window, reassembly.BlockCount);
        var bitfield = reassembly.Bitfield(start, end);
        var complete = bitfield == (byte)((1 << (end - start)) - 1);
        if (header.FrameControl.AckRequest && (complete || index == end - 1 || reassembly.Completed))
        {
            var ack = DataAckFor(header).AsBlock(start == 0 ? ApsFragmentation.First : ApsFragmentation.Subsequent, (byte)start) with
            {
                AckBitfield = bitfield,
            };
            SendAck(indication.SrcAddr, ack);
        }

        if (!reassembly.Completed && reassembly.IsWhole)
        {
            reassembly.Completed = true;
            Counters.Reassembled++;
            var asdu = reassembly.Assemble();
            Deliver(indication, header, asdu);
        }
    }

    private Reassembly? FindReassembly(ushort source, byte counter)
    {
        foreach (var reassembly in _reassemblies)
        {
            if (reassembly.Source == source && reassembly.Counter == counter)
            {
                return reassembly;
            }
        }

        return null;
    }

    private void DropReassembly(Reassembly reassembly)
    {
        _reassemblies.Remove(reassembly);
        reassembly.Dispose();
    }

    /// <summary>The reassembly timer fired: a partial transfer is dropped whole; a completed one is forgotten.</summary>
    private void OnReassemblyExpired(Reassembly reassembly)
    {
        if (!_reassemblies.Contains(reassembly))
        {
            return;
        }

        if (!reassembly.Completed)
        {
            Counters.ReassemblyTimeouts++;
        }

        DropReassembly(reassembly);
    }

    /// <summary>The sending side of one fragmented transfer: which blocks of the current window are acknowledged.</summary>
    private sealed class FragmentSender(ushort destination, byte counter, AckWaiter waiter)
    {
        private int _windowStart;
        private int _windowBlocks;
        private int _acknowledged;

        public ushort Destination { get; } = destination;

        public byte Counter { get; } = counter;

        public AckWaiter Waiter { get; } = waiter;

        public bool WindowComplete => _acknowledged == (1 << _windowBlocks) - 1;

        public void BeginWindow(int start, int blocks)
        {
            _windowStart = start;
            _windowBlocks = blocks;
            _acknowledged = 0;
            Waiter.Reset();
        }

        public int AcknowledgedCount => System.Numerics.BitOperations.PopCount((uint)_acknowledged);

        public bool IsAcknowledged(int block) => (_acknowledged & (1 << (block - _windowStart))) != 0;

        /// <summary>An acknowledgement for the window starting at <paramref name="start"/>; stale windows are ignored.</summary>
        public void OnAck(byte start, byte bitfield)
        {
            if (start != _windowStart)
            {
                return;
            }

            // Any acknowledgement of this window ends the wait: a complete one moves on, a partial one names the
            // blocks to send again at once.
            _acknowledged |= bitfield & ((1 << _windowBlocks) - 1);
            Waiter.Signal();
        }
    }
}

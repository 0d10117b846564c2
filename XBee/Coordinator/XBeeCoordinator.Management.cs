using ZigBee.Nwk.Security;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Coordinator;

// What a coordinator's host manages: identity, forming the network, permit joining, leave and reset.
public sealed partial class XBeeCoordinator
{
    /// <summary>Reads VR, HV, SH/SL, MY, OP, OI, CH and AI.</summary>
    public async Task<XBeeIdentity> ReadIdentityAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var firmware = (ushort)await _link.ReadNumberAsync(AtCommandName.VR, cancellationToken);
        var hardware = (ushort)await _link.ReadNumberAsync(AtCommandName.HV, cancellationToken);
        var high = await _link.ReadNumberAsync(AtCommandName.SH, cancellationToken);
        var low = await _link.ReadNumberAsync(AtCommandName.SL, cancellationToken);
        var my = (ushort)await _link.ReadNumberAsync(AtCommandName.MY, cancellationToken);
        var op = await _link.ReadNumberAsync(AtCommandName.OP, cancellationToken);
        var oi = (ushort)await _link.ReadNumberAsync(AtCommandName.OI, cancellationToken);
        var ch = (byte)await _link.ReadNumberAsync(AtCommandName.CH, cancellationToken);
        var ai = (byte)await _link.ReadNumberAsync(AtCommandName.AI, cancellationToken);
        var identity = new XBeeIdentity(firmware, hardware, (high << 32) | (low & 0xFFFFFFFF), my, op, oi, ch, ai);
        Identity = identity;
        ExtendedAddress = identity.ExtendedAddress;
        // MY reads 0xFFFE until the module is in a network; the APS seam says 0xFFFF for that.
        NetworkAddress = identity.IsInNetwork && my != 0xFFFE ? my : (ushort)0xFFFF;
        return identity;
    }

    /// <summary>
    /// Forms the network with <paramref name="settings"/>: ID, ZS, SC, EE, EO, NK, KY, NJ, CE=1 and AO=1 queued, then
    /// WR and AC; waits for the "coordinator started" modem status and AI = 0 (or, when the dongle already ran this
    /// very network and so forms nothing, AI = 0 for <see cref="XBeeCoordinatorOptions.SettleTime"/>). Returns the
    /// identity read afterwards. Throws <see cref="TimeoutException"/> past <see cref="XBeeCoordinatorOptions.FormationTimeout"/>
    /// and <see cref="Link.XBeeCommandException"/> when the dongle refuses a setting.
    /// </summary>
    public async Task<XBeeIdentity> FormNetworkAsync(XBeeNetworkSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await QueueAsync(AtCommandName.ID, AtValue.ToParameter(settings.ExtendedPanId, 8), cancellationToken);
        await QueueAsync(AtCommandName.ZS, [settings.StackProfile], cancellationToken);
        await QueueAsync(AtCommandName.SC, AtValue.ToParameter(settings.ScanChannels, 2), cancellationToken);
        await QueueAsync(AtCommandName.EE, [settings.Security ? (byte)1 : (byte)0], cancellationToken);
        await QueueAsync(AtCommandName.EO, [settings.EncryptionOptions], cancellationToken);
        await QueueAsync(AtCommandName.NK, Key(settings.NetworkKey), cancellationToken);
        await QueueAsync(AtCommandName.KY, Key(settings.LinkKey), cancellationToken);
        await QueueAsync(AtCommandName.NJ, [settings.PermitJoinSeconds], cancellationToken);
        await QueueAsync(AtCommandName.CE, [1], cancellationToken);
        await QueueAsync(AtCommandName.AO, [1], cancellationToken);
        (await _link.AtCommandAsync(AtCommandName.WR, cancellationToken: cancellationToken)).EnsureOk();

        // Polled rather than awaited beside a timer: a combinator's continuation would leave the node's context and
        // race the (virtual) clock; a delay on the link's time provider comes back to it.
        var started = ModemStatusCount(ModemStatus.CoordinatorStarted);
        (await _link.AtCommandAsync(AtCommandName.AC, cancellationToken: cancellationToken)).EnsureOk();
        var begun = _time.GetTimestamp();
        TimeSpan? formedSince = null;
        while (true)
        {
            var elapsed = _time.GetElapsedTime(begun);
            if (elapsed > Options.FormationTimeout)
            {
                throw new TimeoutException($"{_link.PortName}: the dongle formed no network within {Options.FormationTimeout.TotalSeconds:0.#} s");
            }

            var ai = await _link.ReadNumberAsync(AtCommandName.AI, cancellationToken);
            if (ai != 0)
            {
                formedSince = null;
            }
            else
            {
                formedSince ??= elapsed;
                if (ModemStatusCount(ModemStatus.CoordinatorStarted) > started || elapsed - formedSince >= Options.SettleTime)
                {
                    break;
                }
            }

            await Task.Delay(Options.AssociationPollInterval, _time, cancellationToken);
        }

        return await ReadIdentityAsync(cancellationToken);
    }

    /// <summary>Permits joining at the coordinator for <paramref name="seconds"/> (0: close, 0xFF: always): NJ, then AC.</summary>
    public async Task PermitJoiningAsync(byte seconds, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (await _link.AtCommandAsync(AtCommandName.NJ, new[] { seconds }, cancellationToken: cancellationToken)).EnsureOk();
        (await _link.AtCommandAsync(AtCommandName.AC, cancellationToken: cancellationToken)).EnsureOk();
    }

    /// <summary>Permits joining for <paramref name="duration"/>, rounded up to whole seconds (254 s at most; longer is "always").</summary>
    public Task PermitJoiningAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        PermitJoiningAsync(duration <= TimeSpan.Zero ? (byte)0 : (byte)Math.Min(0xFF, Math.Ceiling(duration.TotalSeconds)), cancellationToken);

    /// <summary>
    /// NR0: the dongle leaves its network. A coordinator (CE=1) then forms a new one on its settings, as the
    /// firmware does; the devices known so far are forgotten.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (await _link.AtCommandAsync(AtCommandName.NR, new byte[] { 0 }, cancellationToken: cancellationToken)).EnsureOk();
        _devices.Clear();
        NetworkAddress = 0xFFFF;
    }

    /// <summary>FR: the dongle restarts; completes when it says so (modem status "watchdog timer reset").</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var restarts = ModemStatusCount(ModemStatus.WatchdogReset);
        (await _link.AtCommandAsync(AtCommandName.FR, cancellationToken: cancellationToken)).EnsureOk();
        var begun = _time.GetTimestamp();
        while (ModemStatusCount(ModemStatus.WatchdogReset) == restarts)
        {
            if (_time.GetElapsedTime(begun) > Options.ResetTimeout)
            {
                throw new TimeoutException($"{_link.PortName}: the dongle did not come back within {Options.ResetTimeout.TotalSeconds:0.#} s of FR");
            }

            await Task.Delay(ResetPollInterval, _time, cancellationToken);
        }
    }

    /// <summary>How often <see cref="ResetAsync"/> looks whether the dongle said it restarted.</summary>
    private static readonly TimeSpan ResetPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>0x09: the value waits for AC (so a batch of settings makes one formation, not one each).</summary>
    private async Task QueueAsync(AtCommandName command, byte[] parameter, CancellationToken cancellationToken) =>
        (await _link.AtCommandAsync(command, parameter, queued: true, cancellationToken: cancellationToken)).EnsureOk();

    /// <summary>A key as NK and KY take it: its 16 bytes in order, or a single 0 for "none".</summary>
    private static byte[] Key(ZigBeeKey? key)
    {
        if (key is not { } k)
        {
            return [0];
        }

        var bytes = new byte[ZigBeeKey.Length];
        k.CopyTo(bytes);
        return bytes;
    }
}

using ZigBee.Mac.Pib;

namespace ZigBee.Nwk.Service;

public sealed partial class NwkService
{
    /// <summary>
    /// Moves this device to <paramref name="channel"/> as a network-wide channel change asks (R22 §3.6.1.12.2, carried by
    /// ZDO's Mgmt_NWK_Update_req): nwkUpdateId takes the request's value, so beacons and rejoining devices see the
    /// change, and the radio retunes. The network keeps its PAN ID, addresses and tables.
    /// </summary>
    public async Task<NwkStatus> ChangeChannelAsync(byte channel, byte nwkUpdateId)
    {
        if (!IsJoined || channel is < 11 or > 26)
        {
            return NwkStatus.InvalidRequest;
        }

        var confirm = await _mac.SetRequestAsync(MacPibAttribute.PhyCurrentChannel, channel);
        if (confirm.Status != ZigBee.Mac.Service.MacStatus.Success)
        {
            return NwkStatus.InvalidParameter;
        }

        Nib.LogicalChannel = channel;
        Nib.UpdateId = nwkUpdateId;
        if (IsRouting)
        {
            UpdateBeaconPayload();
        }

        return NwkStatus.Success;
    }
}

using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;

namespace ZigBee.XBee.Mac;

// MLME-GET/SET through AT parameters: phyCurrentChannel ↔ CH, macPANId ↔ ID, macShortAddress ↔ MY, macAssociationPermit
// ↔ A2 bit 2, macRxOnWhenIdle ↔ SM (0: no sleep); phyChannelsSupported and phyCurrentPage are what the module has.
// Every other attribute is UNSUPPORTED_ATTRIBUTE: the firmware keeps its MAC's PIB to itself.
public sealed partial class XBeeMacService
{
    /// <summary>The channels of the XBee (non-PRO) module: 11–26.</summary>
    public const uint ChannelsSupported = 0x07FFF800;

    public async ValueTask<MlmeGetConfirm> GetRequestAsync(MacPibAttribute attribute)
    {
        ulong? value = attribute switch
        {
            MacPibAttribute.PhyChannelsSupported => ChannelsSupported,
            MacPibAttribute.PhyCurrentPage => 0,
            MacPibAttribute.PhyCurrentChannel => await ReadAsync(AtCommandName.CH),
            MacPibAttribute.MacPanId => _panId = (ushort)await ReadAsync(AtCommandName.ID),
            MacPibAttribute.MacShortAddress => _shortAddress = (ushort)await ReadAsync(AtCommandName.MY),
            MacPibAttribute.MacAssociationPermit => (await ReadAsync(AtCommandName.A2) & Ieee802154Commands.A2AllowAssociation) != 0 ? 1UL : 0,
            MacPibAttribute.MacRxOnWhenIdle => await ReadAsync(Ieee802154Commands.SM) == 0 ? 1UL : 0,
            _ => null,
        };
        return value is { } v
            ? new MlmeGetConfirm(MacStatus.Success, attribute, MacPibValue.FromInteger(v))
            : new MlmeGetConfirm(MacStatus.UnsupportedAttribute, attribute, default);
    }

    /// <summary>
    /// MLME-SET through an AT command frame (0x08: the module applies it at once). A value out of range → INVALID_PARAMETER;
    /// macRxOnWhenIdle FALSE → INVALID_PARAMETER too (the module turns its receiver off only in its own pin or cyclic
    /// sleep modes, which the host does not drive); phyChannelsSupported → READ_ONLY.
    /// </summary>
    public async ValueTask<MlmeSetConfirm> SetRequestAsync(MacPibAttribute attribute, MacPibValue value)
    {
        var v = value.Integer;
        MacStatus status;
        switch (attribute)
        {
            case MacPibAttribute.PhyChannelsSupported:
                status = MacStatus.ReadOnly;
                break;
            case MacPibAttribute.PhyCurrentPage:
                status = v == 0 ? MacStatus.Success : MacStatus.InvalidParameter;
                break;
            case MacPibAttribute.PhyCurrentChannel:
                status = v is >= Phy24GHz.FirstChannel and <= Phy24GHz.LastChannel ? await WriteAsync(AtCommandName.CH, v, 1) : MacStatus.InvalidParameter;
                break;
            case MacPibAttribute.MacPanId:
                status = v <= 0xFFFF ? await WriteAsync(AtCommandName.ID, v, 2) : MacStatus.InvalidParameter;
                if (status == MacStatus.Success)
                {
                    _panId = (ushort)v;
                }

                break;
            case MacPibAttribute.MacShortAddress:
                status = v <= 0xFFFF ? await WriteAsync(AtCommandName.MY, v, 2) : MacStatus.InvalidParameter;
                if (status == MacStatus.Success)
                {
                    _shortAddress = (ushort)v;
                }

                break;
            case MacPibAttribute.MacAssociationPermit when v <= 1:
                var a2 = await ReadAsync(AtCommandName.A2);
                status = await WriteAsync(AtCommandName.A2, v == 1 ? a2 | Ieee802154Commands.A2AllowAssociation : a2 & ~(ulong)Ieee802154Commands.A2AllowAssociation, 1);
                break;
            case MacPibAttribute.MacRxOnWhenIdle when v <= 1:
                status = v == 1 ? await WriteAsync(Ieee802154Commands.SM, 0, 1) : MacStatus.InvalidParameter;
                break;
            case MacPibAttribute.MacAssociationPermit or MacPibAttribute.MacRxOnWhenIdle:
                status = MacStatus.InvalidParameter;
                break;
            default:
                status = MacStatus.UnsupportedAttribute;
                break;
        }

        return new MlmeSetConfirm(status, attribute);
    }

    /// <summary>A numeric AT parameter; the module refusing it throws <see cref="XBeeCommandException"/>.</summary>
    private Task<ulong> ReadAsync(AtCommandName command) => _link.ReadNumberAsync(command);

    /// <summary>Sets a numeric AT parameter in <paramref name="bytes"/> big-endian bytes; the module's answer as a MAC status.</summary>
    private async Task<MacStatus> WriteAsync(AtCommandName command, ulong value, int bytes, bool queued = false)
    {
        var response = await _link.AtCommandAsync(command, AtValue.ToParameter(value, bytes), queued);
        return FromAtStatus(response.Status);
    }
}

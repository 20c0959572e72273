namespace VpcPeering.Network;

/// <summary>The peering connection status codes EC2 reports.</summary>
public static class PeeringStatus
{
    public const string InitiatingRequest = "initiating-request";
    public const string PendingAcceptance = "pending-acceptance";
    public const string Provisioning = "provisioning";
    public const string Active = "active";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Expired = "expired";
}

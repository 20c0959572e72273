namespace LocalCloud.Ec2;

/// <summary>
/// Quotas (AWS's default values, configurable) and the timing of peering transitions on the cloud's clock.
/// </summary>
public sealed record Ec2Options
{
    /// <summary>Seed of the deterministic id generator.</summary>
    public int Seed { get; init; }

    /// <summary>VPCs per region (AWS default 5).</summary>
    public int VpcsPerRegion { get; init; } = 5;

    /// <summary>IPv4 CIDR blocks per VPC (AWS default 5).</summary>
    public int Ipv4CidrBlocksPerVpc { get; init; } = 5;

    /// <summary>IPv6 CIDR blocks per VPC (AWS default 5).</summary>
    public int Ipv6CidrBlocksPerVpc { get; init; } = 5;

    /// <summary>Subnets per VPC (AWS default 200).</summary>
    public int SubnetsPerVpc { get; init; } = 200;

    /// <summary>Route tables per VPC (AWS default 200).</summary>
    public int RouteTablesPerVpc { get; init; } = 200;

    /// <summary>Non-propagated routes per route table, local routes excluded (AWS default 50).</summary>
    public int RoutesPerRouteTable { get; init; } = 50;

    /// <summary>Inbound or outbound rules per security group (AWS default 60 each).</summary>
    public int RulesPerSecurityGroup { get; init; } = 60;

    /// <summary>Security groups per region (AWS default 2500).</summary>
    public int SecurityGroupsPerRegion { get; init; } = 2500;

    /// <summary>Network ACLs per VPC (AWS default 200).</summary>
    public int NetworkAclsPerVpc { get; init; } = 200;

    /// <summary>Rules per network ACL and direction (AWS default 20).</summary>
    public int EntriesPerNetworkAcl { get; init; } = 20;

    /// <summary>Active VPC peering connections per VPC (AWS default 50).</summary>
    public int ActivePeeringsPerVpc { get; init; } = 50;

    /// <summary>Outstanding (not yet accepted) peering requests per account (AWS default 25).</summary>
    public int OutstandingPeeringRequests { get; init; } = 25;

    /// <summary>How long a new request stays <c>initiating-request</c> before <c>pending-acceptance</c> or <c>failed</c>.</summary>
    public TimeSpan InitiatingRequestDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an accepted connection stays <c>provisioning</c> before <c>active</c>.</summary>
    public TimeSpan ProvisioningDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a deleted connection stays <c>deleting</c> before <c>deleted</c>.</summary>
    public TimeSpan DeletingDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an unaccepted request waits before it expires (AWS: 7 days).</summary>
    public TimeSpan RequestExpiry { get; init; } = TimeSpan.FromDays(7);
}

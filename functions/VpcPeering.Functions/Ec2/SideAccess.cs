using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Ec2;

/// <summary>How this function reaches one side of a peering.</summary>
public enum AccessMode
{
    /// <summary>The side is in the function's own account.</summary>
    Own,

    /// <summary>The accepter's access role (role mode).</summary>
    Role,

    /// <summary>Not reachable: the accepter's own stack acts on it (event mode).</summary>
    None,
}

/// <summary>
/// EC2 clients for either side of a peering: the function's own account in the side's region, or the accepter's
/// access role assumed with its external id (sessions cached per container until shortly before they expire).
/// </summary>
public sealed class SideAccess(FunctionServices services)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly FunctionConfiguration _configuration = new(services.Configuration);
    private readonly ConcurrentDictionary<(string RoleArn, string? ExternalId), (AWSCredentials Credentials, DateTimeOffset Expires)> _sessions = new();
    private readonly SemaphoreSlim _accountGate = new(1, 1);
    private string? _account;

    /// <summary>The function's own account (GetCallerIdentity, once per container).</summary>
    public async Task<string> OwnAccountAsync()
    {
        if (_account is not null)
        {
            return _account;
        }

        await _accountGate.WaitAsync();
        try
        {
            _account ??= (await services.Clients.Sts(_configuration.Region).GetCallerIdentityAsync(new GetCallerIdentityRequest())).Account;
            return _account;
        }
        finally
        {
            _accountGate.Release();
        }
    }

    public async Task<AccessMode> ModeAsync(PeeringRequest request, Side side)
    {
        var own = await OwnAccountAsync();
        var account = side == Side.Requester ? request.Requester.AccountId : request.Accepter.AccountId;
        if (account is null || account == own)
        {
            return AccessMode.Own;
        }

        return side == Side.Accepter && request.Accepter.RoleArn is not null ? AccessMode.Role : AccessMode.None;
    }

    /// <summary>EC2 in the side's region, as the side's owner; <see cref="AccessDenied"/> when this function cannot act there.</summary>
    public async Task<IAmazonEC2> Ec2Async(PeeringRequest request, Side side)
    {
        var region = side == Side.Requester ? request.Requester.Region : request.Accepter.Region;
        switch (await ModeAsync(request, side))
        {
            case AccessMode.Own:
                return services.Clients.Ec2(region);
            case AccessMode.Role:
                return services.Clients.Ec2(region, await AssumeAsync(request.Accepter.RoleArn!, request.Accepter.ExternalId ?? _configuration.ExternalId));
            default:
                var vpcId = side == Side.Requester ? request.Requester.VpcId : request.Accepter.VpcId;
                throw new AccessDenied(
                    $"The {side.Name()} VPC {vpcId} is in another account and the request gives no role to act there. In event mode the " +
                    "accepter's own stack configures its side; to act directly, give accepter.roleArn and accepter.externalId (role mode).");
        }
    }

    /// <summary>EC2 for a side given by its peering info (teardown without a request); null when out of reach.</summary>
    public async Task<IAmazonEC2?> Ec2Async(PeeringVpcInfo info, string? accepterRoleArn)
    {
        if (info.AccountId == await OwnAccountAsync())
        {
            return services.Clients.Ec2(info.Region);
        }

        return accepterRoleArn is null ? null : services.Clients.Ec2(info.Region, await AssumeAsync(accepterRoleArn, _configuration.ExternalId));
    }

    private async Task<AWSCredentials> AssumeAsync(string roleArn, string? externalId)
    {
        var now = services.Time.GetUtcNow();
        if (_sessions.TryGetValue((roleArn, externalId), out var session) && session.Expires - RenewBefore > now)
        {
            return session.Credentials;
        }

        var response = await services.Clients.Sts(_configuration.Region).AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = "vpc-peering",
            ExternalId = externalId,
            DurationSeconds = 3600,
        });
        var credentials = new SessionAWSCredentials(
            response.Credentials.AccessKeyId, response.Credentials.SecretAccessKey, response.Credentials.SessionToken);
        var expires = response.Credentials.Expiration is { } expiration
            ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc))
            : now.AddHours(1);
        _sessions[(roleArn, externalId)] = (credentials, expires);
        return credentials;
    }
}

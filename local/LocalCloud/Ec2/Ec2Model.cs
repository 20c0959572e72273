using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>
/// The EC2 state model: every account and region, isolated from each other, with the rules of the EC2 API
/// reference and the VPC peering guide. It throws <see cref="AwsServiceException"/> with AWS's exact error
/// codes and knows nothing about XML; <c>Ec2QueryProtocol</c> is its wire protocol.
/// The objects it returns are live views: read them, never change them.
/// </summary>
public sealed partial class Ec2Model
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ICloudEventSink _events;
    private Ec2State _state;

    /// <summary>Creates an empty model.</summary>
    /// <param name="time">The cloud's clock (virtual in tests).</param>
    /// <param name="events">Where AWS-emitted events go (tag changes).</param>
    /// <param name="options">Quotas and timings; AWS defaults when null.</param>
    public Ec2Model(TimeProvider? time = null, ICloudEventSink? events = null, Ec2Options? options = null)
    {
        _time = time ?? TimeProvider.System;
        _events = events ?? NullCloudEventSink.Instance;
        Options = options ?? new Ec2Options();
        _state = new Ec2State { Seed = Options.Seed };
    }

    /// <summary>Quotas and timings.</summary>
    public Ec2Options Options { get; }

    private DateTimeOffset Now => _time.GetUtcNow();

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    private void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    private string NewId(string prefix) => Ec2IdGenerator.Next(_state, prefix);

    private static T Find<T>(IEnumerable<T> items, Ec2Scope scope, string id, Ec2IdKind kind)
        where T : Ec2Resource
    {
        kind.Validate(id);
        return items.FirstOrDefault(r => r.Id == id && r.In(scope)) ?? throw kind.NotFound(id);
    }

    private Vpc FindVpc(Ec2Scope scope, string vpcId) => Find(_state.Vpcs, scope, vpcId, Ec2IdKind.Vpc);

    private Subnet FindSubnet(Ec2Scope scope, string subnetId) => Find(_state.Subnets, scope, subnetId, Ec2IdKind.Subnet);

    private RouteTable FindRouteTable(Ec2Scope scope, string id) => Find(_state.RouteTables, scope, id, Ec2IdKind.RouteTable);

    private SecurityGroup FindSecurityGroup(Ec2Scope scope, string id) => Find(_state.SecurityGroups, scope, id, Ec2IdKind.SecurityGroup);

    private NetworkAcl FindNetworkAcl(Ec2Scope scope, string id) => Find(_state.NetworkAcls, scope, id, Ec2IdKind.NetworkAcl);

    /// <summary>Explicit ids first (each must exist), then filters, then the page.</summary>
    private Ec2Page<T> Describe<T>(
        IEnumerable<T> visible,
        DescribeQuery query,
        Ec2IdKind kind,
        Func<T, string> idOf,
        Ec2Scope scope,
        FilterSet<T> filters)
    {
        var items = visible.ToList();
        if (query.Ids.Count > 0)
        {
            foreach (var id in query.Ids)
            {
                kind.Validate(id);
                if (!items.Any(i => idOf(i) == id))
                {
                    throw kind.NotFound(id);
                }
            }

            items = [.. items.Where(i => query.Ids.Contains(idOf(i)))];
        }

        return FilterEngine.Page(FilterEngine.Apply(items, query.Filters, filters, i => TagsOf(scope.AccountId, idOf(i))), query);
    }

    private static AwsServiceException Error(string code, string message) => new(code, message);
}

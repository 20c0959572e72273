using LocalCloud.Core;
using LocalCloud.Iam;
using LocalCloud.Tests.Support;

namespace LocalCloud.Tests.Hosting;

/// <summary>The state file behind <c>vpc-peering serve --state</c> (issue 4: "nothing is lost across a restart").</summary>
public sealed class CloudStateTests
{
    [Fact]
    public void Roles_and_registered_parts_survive_a_save_and_load_into_a_new_cloud()
    {
        var before = new EmulatedCloud();
        var role = Roles.Put(before, "222222222222", "Accepter", Roles.TrustAccount("111111111111"), new IamPolicy("p", "{}"))
            with { MaxSessionDuration = 7200 };
        before.Iam.Put(role);
        var notes = new List<string> { "kept" };
        before.AddStatefulService(new StatefulService("notes",
            stream => System.Text.Json.JsonSerializer.Serialize(stream, notes),
            _ => { }));
        using var file = new MemoryStream();

        before.SaveState(file);
        file.Position = 0;
        var after = new EmulatedCloud();
        var restored = new List<string>();
        after.AddStatefulService(new StatefulService("notes", _ => { },
            stream => restored.AddRange(System.Text.Json.JsonSerializer.Deserialize<List<string>>(stream)!)));
        after.LoadState(file);

        Assert.Equal(role.AssumeRolePolicyDocument, after.Iam.Find(role.Arn)!.AssumeRolePolicyDocument);
        Assert.Equal(7200, after.Iam.Find(role.Arn)!.MaxSessionDuration);
        Assert.Equal(["kept"], restored);
    }
}

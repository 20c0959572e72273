using VpcPeering.Requests;

namespace VpcPeering.Tests.Requests;

public class PeeringRequestWriterTests
{
    [Fact]
    public void The_written_form_reads_back_to_the_same_request()
    {
        var request = TestRequests.With(
            """[ { "side": "requester", "tags": { "app": "db" }, "protocol": "tcp", "ports": ["5432"], "peerGroupIds": ["sg-22222222"] } ]""",
            """
            "routes": { "requesterRouteTables": { "tags": { "tier": "private" } }, "accepterRouteTables": ["rtb-22222222"], "cidrs": ["10.2.0.0/16"], "exclude": ["10.2.9.0/24"] },
            "networkAcls": "update", "dns": { "requesterResolvesAccepter": true }, "dryRun": true
            """);

        var written = PeeringRequestWriter.Write(request);

        Assert.Equal(written, PeeringRequestWriter.Write(TestRequests.Parse(written)));
        Assert.Contains("\"tcp/5432\"", written, StringComparison.Ordinal);
    }
}

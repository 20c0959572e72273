using Amazon.EC2.Model;
using LocalCloud.Tests.Support;

namespace LocalCloud.Tests;

public sealed class DispatcherSmokeTests
{
    [Fact]
    public async Task A_service_the_cloud_does_not_emulate_is_answered_with_a_clear_error()
    {
        var cloud = new EmulatedCloud();
        using var ec2 = CloudClients.Ec2(cloud, "111111111111");

        var error = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Contains("ec2", error.Message, StringComparison.Ordinal);
    }
}

public sealed class CloudAssemblyLoggingTests
{
    [Fact]
    public void The_assembly_hands_its_logger_to_the_cloud_so_serve_reports_emulator_failures()
    {
        var logger = new Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory().CreateLogger("LocalCloud");

        var assembly = CloudAssembly.Create(new CloudAssemblyOptions { Logger = logger });

        Assert.Same(logger, assembly.Cloud.Logger);
    }
}

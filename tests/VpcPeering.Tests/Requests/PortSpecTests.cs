using VpcPeering.Requests;

namespace VpcPeering.Tests.Requests;

public class PortSpecTests
{
    [Theory]
    [InlineData("tcp/443", IpProtocol.Tcp, 443, 443)]
    [InlineData("tcp/8000-8100", IpProtocol.Tcp, 8000, 8100)]
    [InlineData("udp/53", IpProtocol.Udp, 53, 53)]
    [InlineData("icmp", IpProtocol.Icmp, 0, 65535)]
    [InlineData("icmpv6", IpProtocol.Icmpv6, 0, 65535)]
    [InlineData("all", IpProtocol.All, 0, 65535)]
    [InlineData(" TCP/22 ", IpProtocol.Tcp, 22, 22)]
    public void Port_specs_parse(string text, IpProtocol protocol, int from, int to)
    {
        Assert.True(PortSpec.TryParse(text, out var spec, out _));
        Assert.Equal(new PortSpec(protocol, from, to), spec);
    }

    [Theory]
    [InlineData("tcp/443")]
    [InlineData("udp/1024-65535")]
    [InlineData("icmp")]
    [InlineData("all")]
    public void Canonical_text_reads_back_to_the_same_spec(string text)
    {
        PortSpec.TryParse(text, out var spec, out _);

        Assert.Equal(text, spec.ToString());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("tcp/65536")]
    [InlineData("udp/10-5")]
    [InlineData("icmp/8")]
    [InlineData("sctp/1")]
    [InlineData("")]
    public void Malformed_port_specs_say_why(string text)
    {
        Assert.False(PortSpec.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}

using LocalCloud.Core;
using LocalCloud.Events;

namespace LocalCloud.Tests.Events;

/// <summary>
/// One table per operator, from the EventBridge user guide: "Content filtering in Amazon EventBridge event patterns"
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/content-filtering-with-event-patterns.html), the comparison
/// operator summary (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html) and
/// "Event pattern syntax" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html).
/// </summary>
public sealed class EventPatternTests
{
    private static bool Matches(string pattern, string eventJson) => EventPattern.Parse(pattern).Matches(eventJson);

    [Theory]
    [InlineData("""{"source": ["aws.ec2", "aws.fargate"]}""", """{"source": "aws.fargate"}""", true)]
    [InlineData("""{"source": ["aws.ec2", "aws.fargate"]}""", """{"source": "aws.s3"}""", false)]
    [InlineData("""{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["terminated"]}}""",
        """{"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "detail": {"state": "terminated", "instance-id": "i-1"}}""", true)]
    [InlineData("""{"source": ["aws.ec2"], "detail": {"state": ["terminated"]}}""", """{"source": "aws.ec2", "detail": {"state": "running"}}""", false)]
    [InlineData("""{"detail": {"state": ["terminated"]}}""", """{"state": "terminated"}""", false)]
    [InlineData("""{"detail": {"state": ["terminated"]}}""", """{"detail": "terminated"}""", false)]
    [InlineData("""{"Name": ["Alice"]}""", """{"Name": "alice"}""", false)]
    [InlineData("""{"x-limit": [300]}""", """{"x-limit": 3.0e2}""", true)]
    [InlineData("""{"x-limit": [300]}""", """{"x-limit": "300"}""", false)]
    [InlineData("""{"enabled": [true]}""", """{"enabled": true}""", true)]
    [InlineData("""{"enabled": [true]}""", """{"enabled": "true"}""", false)]
    public void Exact_values_arrays_as_or_and_nested_fields(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f"]}""",
        """{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"]}""", true)]
    [InlineData("""{"resources": ["arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f"]}""",
        """{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}""", false)]
    [InlineData("""{"detail": {"tags": {"key": ["env"]}}}""", """{"detail": {"tags": [{"key": "name"}, {"key": "env"}]}}""", true)]
    [InlineData("""{"detail": {"tags": {"key": ["env"], "value": ["prod"]}}}""",
        """{"detail": {"tags": [{"key": "env", "value": "dev"}, {"key": "name", "value": "prod"}]}}""", false)]
    public void Matching_on_arrays_in_events(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"responseElements": [null]}""", """{"responseElements": null}""", true)]
    [InlineData("""{"responseElements": [null]}""", """{"other": 1}""", false)]
    [InlineData("""{"eventVersion": [""]}""", """{"eventVersion": ""}""", true)]
    [InlineData("""{"eventVersion": [""]}""", """{"eventVersion": null}""", false)]
    [InlineData("""{"LastName": [""]}""", """{"LastName": "Doe"}""", false)]
    public void Null_values_and_empty_strings(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"time": [{"prefix": "2017-10-02"}]}""", """{"time": "2017-10-02T18:43:48Z"}""", true)]
    [InlineData("""{"time": [{"prefix": "2017-10-02"}]}""", """{"time": "2017-10-03T18:43:48Z"}""", false)]
    [InlineData("""{"Region": [{"prefix": "us-"}]}""", """{"Region": "us-east-1"}""", true)]
    [InlineData("""{"Region": [{"prefix": "us-"}]}""", """{"Region": 5}""", false)]
    [InlineData("""{"service": [{"prefix": {"equals-ignore-case": "eventb"}}]}""", """{"service": "EventBridge"}""", true)]
    [InlineData("""{"service": [{"prefix": {"equals-ignore-case": "eventb"}}]}""", """{"service": "EVENTBRIDGE"}""", true)]
    [InlineData("""{"service": [{"prefix": {"equals-ignore-case": "eventb"}}]}""", """{"service": "Lambda"}""", false)]
    public void Prefix_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"FileName": [{"suffix": ".png"}]}""", """{"FileName": "image.png"}""", true)]
    [InlineData("""{"FileName": [{"suffix": ".png"}]}""", """{"FileName": "image.PNG"}""", false)]
    [InlineData("""{"FileName": [{"suffix": ".png"}]}""", """{"FileName": "image.jpg"}""", false)]
    [InlineData("""{"service": [{"suffix": {"equals-ignore-case": "tbridge"}}]}""", """{"service": "EventBridge"}""", true)]
    [InlineData("""{"service": [{"suffix": {"equals-ignore-case": "tbridge"}}]}""", """{"service": "EVENTBRIDGE"}""", true)]
    [InlineData("""{"service": [{"suffix": {"equals-ignore-case": "tbridge"}}]}""", """{"service": "StepFunctions"}""", false)]
    public void Suffix_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", """{"detail": {"state": "initializing"}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", """{"detail": {"other": "x"}}""", false)]
    [InlineData("""{"x-limit": [{"anything-but": 123}]}""", """{"x-limit": 456}""", true)]
    [InlineData("""{"x-limit": [{"anything-but": 123}]}""", """{"x-limit": 123}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}""", """{"detail": {"state": "overloaded"}}""", false)]
    [InlineData("""{"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}""", """{"detail": {"x-limit": 150}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}""", """{"detail": {"x-limit": 200}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}""", """{"detail": {"state": "initializing"}}""", false)]
    [InlineData("""{"FileName": [{"anything-but": {"suffix": ".png"}}]}""", """{"FileName": "notes.txt"}""", true)]
    [InlineData("""{"FileName": [{"anything-but": {"suffix": ".png"}}]}""", """{"FileName": "image.png"}""", false)]
    [InlineData("""{"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}""", """{"state": "running"}""", true)]
    [InlineData("""{"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}""", """{"state": "INITIALIZING"}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "OverLoaded"]}}]}}""",
        """{"detail": {"state": "STOPPED"}}""", false)]
    [InlineData("""{"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}""", """{"FilePath": "/usr/bin/tool"}""", true)]
    [InlineData("""{"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}""", """{"FilePath": "/usr/lib/libc.so"}""", false)]
    public void Anything_but_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}""", """{"detail": {"c-count": 5}}""", true)]
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}""", """{"detail": {"c-count": 0}}""", false)]
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}""", """{"detail": {"c-count": 5.5}}""", false)]
    [InlineData("""{"detail": {"d-count": [{"numeric": ["<", 10]}]}}""", """{"detail": {"d-count": 9.99}}""", true)]
    [InlineData("""{"detail": {"d-count": [{"numeric": ["<", 10]}]}}""", """{"detail": {"d-count": 10}}""", false)]
    [InlineData("""{"detail": {"x-limit": [{"numeric": ["=", 3.018e2]}]}}""", """{"detail": {"x-limit": 301.8}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"numeric": ["=", 3.018e2]}]}}""", """{"detail": {"x-limit": 301}}""", false)]
    [InlineData("""{"detail": {"x-limit": [{"numeric": [">=", 1]}]}}""", """{"detail": {"x-limit": "5"}}""", false)]
    public void Numeric_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"detail": {"state": [{"exists": true}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"detail": {"state": [{"exists": true}]}}""", """{"detail": {"name": "x"}}""", false)]
    [InlineData("""{"detail": {"state": [{"exists": false}]}}""", """{"detail": {"name": "x"}}""", true)]
    [InlineData("""{"detail": {"state": [{"exists": false}]}}""", """{"detail": {"state": "running"}}""", false)]
    [InlineData("""{"detail": [{"exists": true}]}""", """{"detail": {"state": "running"}}""", false)]
    [InlineData("""{"detail": {"state": [{"exists": false}]}}""", """{"source": "aws.ec2"}""", true)]
    public void Exists_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"detail-type": [{"equals-ignore-case": "ec2 instance state-change notification"}]}""",
        """{"detail-type": "EC2 Instance State-change Notification"}""", true)]
    [InlineData("""{"Name": [{"equals-ignore-case": "alice"}]}""", """{"Name": "ALICE"}""", true)]
    [InlineData("""{"Name": [{"equals-ignore-case": "alice"}]}""", """{"Name": "Alicia"}""", false)]
    public void Equals_ignore_case_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}""",
        """{"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus"}""", true)]
    [InlineData("""{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}""",
        """{"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/myEventBus"}""", false)]
    [InlineData("""{"Filename": [{"wildcard": "*.png"}]}""", """{"Filename": "dir/image.png"}""", true)]
    [InlineData("""{"Filename": [{"wildcard": "dir/*.png"}]}""", """{"Filename": "other/image.png"}""", false)]
    [InlineData("""{"Filename": [{"wildcard": "a\\*b"}]}""", """{"Filename": "a*b"}""", true)]
    [InlineData("""{"Filename": [{"wildcard": "a\\*b"}]}""", """{"Filename": "axxb"}""", false)]
    [InlineData("""{"Filename": [{"wildcard": "exact"}]}""", """{"Filename": "exact"}""", true)]
    public void Wildcard_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}""", """{"detail": {"sourceIPAddress": "10.0.0.255"}}""", true)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}""", """{"detail": {"sourceIPAddress": "10.0.1.0"}}""", false)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}""", """{"detail": {"sourceIPAddress": "not-an-ip"}}""", false)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/32"}]}}""", """{"detail": {"sourceIPAddress": "2001:db8:1::7"}}""", true)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/32"}]}}""", """{"detail": {"sourceIPAddress": "2001:db9::1"}}""", false)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/32"}]}}""", """{"detail": {"sourceIPAddress": "10.0.0.1"}}""", false)]
    public void Cidr_matching(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""{"detail": {"c-count": 1, "d-count": 20, "x-limit": 20}}""", true)]
    [InlineData("""{"detail": {"c-count": 10, "d-count": 5, "x-limit": 20}}""", true)]
    [InlineData("""{"detail": {"c-count": 10, "d-count": 20, "x-limit": 5}}""", true)]
    [InlineData("""{"detail": {"c-count": 10, "d-count": 20, "x-limit": 20}}""", false)]
    public void Or_matching(string eventJson, bool expected)
    {
        const string pattern = """
            {"detail": {"$or": [
                {"c-count": [{"numeric": [">", 0, "<=", 5]}]},
                {"d-count": [{"numeric": ["<", 10]}]},
                {"x-limit": [{"numeric": [">", 0, "<", 10]}]}]}}
            """;

        Assert.Equal(expected, Matches(pattern, eventJson));
    }

    [Theory]
    [InlineData("""{"source": [{"prefix": "aws."}], "$or": [{"detail-type": ["A"]}, {"detail": {"state": [{"exists": true}]}}]}""",
        """{"source": "aws.ec2", "detail-type": "B", "detail": {"state": "x"}}""", true)]
    [InlineData("""{"source": [{"prefix": "aws."}], "$or": [{"detail-type": ["A"]}, {"detail": {"state": [{"exists": true}]}}]}""",
        """{"source": "aws.ec2", "detail-type": "B", "detail": {}}""", false)]
    [InlineData("""{"detail": {"state": ["running", {"prefix": "stop"}, {"numeric": [">", 3]}]}}""", """{"detail": {"state": "stopping"}}""", true)]
    [InlineData("""{"detail": {"state": ["running", {"prefix": "stop"}, {"numeric": [">", 3]}]}}""", """{"detail": {"state": 4}}""", true)]
    public void Operators_combine_with_and_across_fields_and_or_within_arrays(string pattern, string eventJson, bool expected) =>
        Assert.Equal(expected, Matches(pattern, eventJson));

    [Theory]
    [InlineData("""["aws.ec2"]""", "Filter is not an object")]
    [InlineData("""{"source": "aws.ec2"}""", "\"source\" must be an object or an array")]
    [InlineData("""{"source": []}""", "Empty arrays are not allowed")]
    [InlineData("""{"source": [{"prefix": 5}]}""", "prefix match pattern must be a string")]
    [InlineData("""{"source": [{"contains": "x"}]}""", "Unrecognized match type contains")]
    [InlineData("""{"n": [{"numeric": [">", "five"]}]}""", "must be numeric")]
    [InlineData("""{"n": [{"numeric": ["<", 1, ">", 0]}]}""", "Bad numeric range operator")]
    [InlineData("""{"n": [{"numeric": [">", 10, "<", 1]}]}""", "Bottom must be less than top")]
    [InlineData("""{"n": [{"numeric": ["<", 6e9]}]}""", "between -5.0E9 and 5.0E9")]
    [InlineData("""{"n": [{"exists": "yes"}]}""", "exists match pattern must be either true or false")]
    [InlineData("""{"f": [{"wildcard": "a**b"}]}""", "Consecutive wildcard characters")]
    [InlineData("""{"ip": [{"cidr": "10.0.0/24"}]}""", "Nonstandard IP address")]
    [InlineData("""{"ip": [{"cidr": "10.0.0.0/33"}]}""", "mask bits must be between 0 and 32")]
    [InlineData("""{"$or": [{"a": ["x"]}]}""", "at least 2 items in $or")]
    [InlineData("""{"s": [{"anything-but": [true]}]}""", "anything but list")]
    [InlineData("""{"s": [{"prefix": "a", "suffix": "b"}]}""", "Only one key allowed")]
    [InlineData("""{"source": ["aws.ec2"]""", "Filter is not valid JSON")]
    public void Invalid_patterns_fail_with_InvalidEventPatternException(string pattern, string reason)
    {
        var error = Assert.Throws<AwsServiceException>(() => EventPattern.Parse(pattern));

        Assert.Equal("InvalidEventPatternException", error.Code);
        Assert.StartsWith("Event pattern is not valid. Reason: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

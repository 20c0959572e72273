using VpcPeering.Network;

namespace VpcPeering.Evaluation;

/// <summary>Whether a NACL lets all of some traffic through and, if not, the entry that stops (part of) it.</summary>
public sealed record NetworkAclDecision(bool Allowed, NetworkAclEntry? BlockingEntry)
{
    /// <summary>The entry's number as AWS shows it (<c>*</c> for the final deny-all).</summary>
    public string BlockingRule => BlockingEntry is null || BlockingEntry.RuleNumber >= NetworkAcl.DefaultRuleNumber
        ? "*"
        : BlockingEntry.RuleNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

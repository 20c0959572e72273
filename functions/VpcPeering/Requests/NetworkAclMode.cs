namespace VpcPeering.Requests;

public enum NetworkAclMode
{
    /// <summary>Report NACL entries that would block the traffic; change nothing.</summary>
    Verify,

    /// <summary>Add the missing allow entries, including the ephemeral return path.</summary>
    Update,
}

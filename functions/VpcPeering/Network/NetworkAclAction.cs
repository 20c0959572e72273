namespace VpcPeering.Network;

public enum NetworkAclAction
{
    Allow,
    Deny,
}

namespace VpcPeering.Planning;

public enum ChangeKind
{
    /// <summary>Missing: the plan adds it.</summary>
    Add,

    /// <summary>Already there: nothing to do.</summary>
    Present,

    /// <summary>Something else is in the way; the plan never replaces it.</summary>
    Conflict,
}

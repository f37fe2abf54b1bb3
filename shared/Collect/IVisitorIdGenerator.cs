namespace Pipeline.Collect;

/// <summary>Mints visitor ids for browsers that arrive without one.</summary>
public interface IVisitorIdGenerator
{
    /// <summary>A new id matching <c>[A-Za-z0-9_-]{8,64}</c>.</summary>
    string NewId();
}

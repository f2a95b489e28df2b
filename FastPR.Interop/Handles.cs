using System.Collections.Concurrent;

namespace FastPR.Interop;

/// <summary>
/// The objects behind the opaque C handles. A handle is a key in this table, never a pointer into managed memory, so a null,
/// freed or wrong-kind handle is reported as an error instead of crashing the caller's process.
/// </summary>
internal static class Handles
{
    private static readonly ConcurrentDictionary<nint, object> Live = new();
    private static long s_next;

    /// <summary>Registers <paramref name="target"/> and returns its handle (never 0).</summary>
    public static nint Add(object target)
    {
        nint handle = (nint)Interlocked.Increment(ref s_next);
        Live[handle] = target;
        return handle;
    }

    /// <summary>The object behind <paramref name="handle"/>, which must be a live <typeparamref name="T"/>.</summary>
    public static T Get<T>(nint handle, string kind) where T : class
    {
        if (handle == 0) throw new InteropException(Status.Handle, $"the {kind} handle is null.");
        if (!Live.TryGetValue(handle, out object? target))
            throw new InteropException(Status.Handle, $"the {kind} handle {handle} is not live (already freed, or never made by this library).");
        return target as T ?? throw new InteropException(Status.Handle, $"handle {handle} is not a handle of kind {kind}.");
    }

    /// <summary>Removes a live <typeparamref name="T"/> and returns it; a null handle is allowed and returns null (free(NULL) is a no-op).</summary>
    public static T? Remove<T>(nint handle, string kind) where T : class
    {
        if (handle == 0) return null;
        Get<T>(handle, kind);
        return Live.TryRemove(handle, out object? target) ? (T)target
            : throw new InteropException(Status.Handle, $"the {kind} handle {handle} was freed by another thread.");
    }
}

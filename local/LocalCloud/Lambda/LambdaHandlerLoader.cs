using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace LocalCloud.Lambda;

/// <summary>
/// Resolves a .NET handler string <c>Assembly::Namespace.Type::Method</c> to a public <c>Task&lt;Stream&gt; M(Stream)</c>
/// (instance or static). The assembly comes from the app's load context or, failing that, from a probing directory,
/// loaded in a context that shares every assembly the app already has (so SDK types stay the same types).
/// Failures throw <see cref="LambdaValidationException"/> with the managed runtime's wording.
/// </summary>
internal sealed class LambdaHandlerLoader(IReadOnlyList<string> probingDirectories)
{
    private readonly ConcurrentDictionary<string, ProbingLoadContext> _contexts = new(StringComparer.Ordinal);

    public (Type Type, MethodInfo Method) Resolve(string handler)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            throw new LambdaValidationException(
                $"Invalid lambda handler string '{handler}'. The handler string must be in the format Assembly::Type::Method.");
        }

        var assembly = LoadAssembly(parts[0]);
        var type = assembly.GetType(parts[1], throwOnError: false)
            ?? throw new LambdaValidationException($"Unable to load type '{parts[1]}' from assembly '{parts[0]}'.");
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == parts[2])
            .ToList();
        if (candidates.Count == 0)
        {
            throw new LambdaValidationException(
                $"Unable to find method '{parts[2]}' in type '{parts[1]}' from assembly '{parts[0]}': Found no methods matching method name '{parts[2]}'.");
        }

        var method = candidates.FirstOrDefault(m => m.ReturnType == typeof(Task<Stream>)
            && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(Stream))
            ?? throw new LambdaValidationException(
                $"Method '{parts[2]}' in type '{parts[1]}' must be public Task<Stream> {parts[2]}(Stream) for the local cloud to invoke it.");
        return (type, method);
    }

    private Assembly LoadAssembly(string name)
    {
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null)
        {
            return loaded;
        }

        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            // Not part of the app: look in the probing directories.
        }

        foreach (var directory in probingDirectories)
        {
            var path = Path.GetFullPath(Path.Combine(directory, name + ".dll"));
            if (File.Exists(path))
            {
                var context = _contexts.GetOrAdd(path, p => new ProbingLoadContext(p));
                return context.LoadFromAssemblyPath(path);
            }
        }

        throw new LambdaValidationException(
            $"Could not find the specified handler assembly with the file name '{name}'. The assembly should be located in the root of your uploaded .zip file.");
    }

    private sealed class ProbingLoadContext(string mainAssemblyPath) : AssemblyLoadContext($"lambda:{Path.GetFileName(mainAssemblyPath)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var shared = Default.Assemblies.FirstOrDefault(a => a.GetName().Name == assemblyName.Name);
            if (shared is not null)
            {
                return shared;
            }

            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                var path = _resolver.ResolveAssemblyToPath(assemblyName);
                return path is null ? null : LoadFromAssemblyPath(path);
            }
        }
    }
}

/// <summary>The managed runtime's error for a handler string it cannot bind (reported as errorType <c>LambdaValidationException</c>).</summary>
public sealed class LambdaValidationException(string message) : Exception(message);

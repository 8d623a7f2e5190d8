using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// The framework symbols the rules compare against, looked up once per compilation and shared by every
    /// analyzer and code fix of the package. A symbol is null when the compilation's references lack it
    /// (netstandard1.x, net35 …): rules bail out early in that case.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        private readonly Compilation _compilation;

        private KnownSymbols(Compilation compilation)
        {
            _compilation = compilation;
        }

        public static KnownSymbols Get(Compilation compilation)
            => Cache.GetValue(compilation, static c => new KnownSymbols(c));

        private readonly INamedTypeSymbol?[] _types = new INamedTypeSymbol?[(int)KnownType.Count];
        private readonly bool[] _resolved = new bool[(int)KnownType.Count];

        /// <summary>Looked up on first use (a rule that never needs Mutex never pays for finding it), then an array read.</summary>
        public INamedTypeSymbol? Get(KnownType type)
        {
            var index = (int)type;
            if (System.Threading.Volatile.Read(ref _resolved[index]))
            {
                return _types[index];
            }

            var symbol = ResolveType(MetadataName(type));
            _types[index] = symbol;
            System.Threading.Volatile.Write(ref _resolved[index], true);
            return symbol;
        }

        /// <summary>
        /// The type a compilation can use under <paramref name="metadataName"/>, polyfill-aware (see <see cref="ResolveSlow"/>),
        /// and cheap in the common case. <c>Compilation.GetTypeByMetadataName</c> reads the type tables of every referenced
        /// assembly (about 0.2 s per compilation on net10.0's 190 reference assemblies, measured with
        /// <c>-p:ReportAnalyzer=true</c>: that was the package's whole fixed cost on a project without async code). So the
        /// compilation's own declaration is looked up first, then the core library and the references whose assembly name
        /// matches the type's namespace (<c>System.Threading.Thread</c> for <c>System.Threading.Thread</c>,
        /// <c>System.Linq</c> for <c>System.Linq.Enumerable</c>); only a type found in none of them pays for the full search.
        /// </summary>
        internal static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
            => Get(compilation).ResolveType(metadataName);

        private ImmutableArray<IAssemblySymbol> _references;

        private INamedTypeSymbol? ResolveType(string metadataName)
        {
            if (_compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own)
            {
                return own;
            }

            var lastDot = metadataName.LastIndexOf('.');
            var namespaceName = lastDot > 0 ? metadataName.Substring(0, lastDot) : string.Empty;
            var coreLibrary = _compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
            INamedTypeSymbol? found = null;
            if (coreLibrary != null && coreLibrary.GetTypeByMetadataName(metadataName) is { } core
                && _compilation.IsSymbolAccessibleWithin(core, _compilation.Assembly))
            {
                return core;
            }

            foreach (var assembly in References())
            {
                if (ReferenceEquals(assembly, coreLibrary) || !NameMatches(assembly.Identity.Name, namespaceName)
                    || assembly.GetTypeByMetadataName(metadataName) is not { } candidate
                    || !_compilation.IsSymbolAccessibleWithin(candidate, _compilation.Assembly))
                {
                    continue;
                }

                if (found != null)
                {
                    // Two usable declarations among the likely assemblies: let the full search decide.
                    return ResolveSlow(_compilation, metadataName);
                }

                found = candidate;
            }

            return found ?? ResolveSlow(_compilation, metadataName);
        }

        /// <summary><c>System.Threading</c> ↔ <c>System.Threading.Thread</c>, <c>System.Threading</c>, <c>System</c>; not <c>System.Text</c>.</summary>
        private static bool NameMatches(string assemblyName, string namespaceName)
            => assemblyName.Length > 0 && namespaceName.Length > 0
               && (string.Equals(assemblyName, namespaceName, System.StringComparison.Ordinal)
                   || (namespaceName.StartsWith(assemblyName, System.StringComparison.Ordinal) && namespaceName[assemblyName.Length] == '.')
                   || (assemblyName.StartsWith(namespaceName, System.StringComparison.Ordinal) && assemblyName[namespaceName.Length] == '.'));

        private ImmutableArray<IAssemblySymbol> References()
        {
            if (_references.IsDefault)
            {
                var builder = ImmutableArray.CreateBuilder<IAssemblySymbol>();
                foreach (var reference in _compilation.References)
                {
                    if (_compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly)
                    {
                        builder.Add(assembly);
                    }
                }

                ImmutableInterlocked.InterlockedInitialize(ref _references, builder.ToImmutable());
            }

            return _references;
        }

        /// <summary>
        /// The full search. <c>GetTypeByMetadataName</c> answers null as soon as two assemblies declare the name — which
        /// polyfills do all the time (an internal <c>System.Threading.Lock</c> or <c>IAsyncEnumerable&lt;T&gt;</c> copied
        /// into several libraries, next to the real one). Then: the compilation's own declaration, else the only one it can
        /// access, preferring the core library's; null when two usable ones remain (the compiler reports that ambiguity itself).
        /// </summary>
        private static INamedTypeSymbol? ResolveSlow(Compilation compilation, string metadataName)
        {
#pragma warning disable RS0030 // The polyfill-aware wrapper itself.
            if (compilation.GetTypeByMetadataName(metadataName) is { } unique)
#pragma warning restore RS0030
            {
                return unique;
            }

            INamedTypeSymbol? usable = null;
            var ambiguous = false;
            var coreLibrary = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
            foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
                {
                    return candidate;
                }

                if (!compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
                {
                    continue;
                }

                if (usable is null)
                {
                    usable = candidate;
                }
                else if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, coreLibrary))
                {
                    usable = candidate;
                    ambiguous = false;
                }
                else if (!SymbolEqualityComparer.Default.Equals(usable.ContainingAssembly, coreLibrary))
                {
                    ambiguous = true;
                }
            }

            return ambiguous ? null : usable;
        }

        private static string MetadataName(KnownType type) => type switch
        {
            KnownType.Thread => "System.Threading.Thread",
            KnownType.Task => "System.Threading.Tasks.Task",
            KnownType.TaskOfT => "System.Threading.Tasks.Task`1",
            KnownType.ValueTask => "System.Threading.Tasks.ValueTask",
            KnownType.ValueTaskOfT => "System.Threading.Tasks.ValueTask`1",
            KnownType.CancellationToken => "System.Threading.CancellationToken",
            KnownType.CancellationTokenSource => "System.Threading.CancellationTokenSource",
            KnownType.TaskStatus => "System.Threading.Tasks.TaskStatus",
            KnownType.TaskAwaiter => "System.Runtime.CompilerServices.TaskAwaiter",
            KnownType.TaskAwaiterOfT => "System.Runtime.CompilerServices.TaskAwaiter`1",
            KnownType.ValueTaskAwaiter => "System.Runtime.CompilerServices.ValueTaskAwaiter",
            KnownType.ValueTaskAwaiterOfT => "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
            KnownType.ConfiguredTaskAwaiter => "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
            KnownType.ConfiguredTaskAwaiterOfT => "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
            KnownType.ConfiguredValueTaskAwaiter => "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
            KnownType.ConfiguredValueTaskAwaiterOfT => "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter",
            KnownType.ExpressionOfT => "System.Linq.Expressions.Expression`1",
            KnownType.ListOfT => "System.Collections.Generic.List`1",
            KnownType.ImmutableArrayOfT => "System.Collections.Immutable.ImmutableArray`1",
            KnownType.Monitor => "System.Threading.Monitor",
            KnownType.Mutex => "System.Threading.Mutex",
            KnownType.SpinLock => "System.Threading.SpinLock",
            KnownType.ReaderWriterLockSlim => "System.Threading.ReaderWriterLockSlim",
            KnownType.Lock => "System.Threading.Lock",
            KnownType.SemaphoreSlim => "System.Threading.SemaphoreSlim",
            KnownType.IAsyncDisposable => "System.IAsyncDisposable",
            KnownType.INotifyCompletion => "System.Runtime.CompilerServices.INotifyCompletion",
            KnownType.ExperimentalAttribute => "System.Diagnostics.CodeAnalysis.ExperimentalAttribute",
            KnownType.Console => "System.Console",
            KnownType.BlockingCollectionOfT => "System.Collections.Concurrent.BlockingCollection`1",
            KnownType.ObsoleteAttribute => "System.ObsoleteAttribute",
            KnownType.EventArgs => "System.EventArgs",
            KnownType.IDisposable => "System.IDisposable",
            KnownType.Parallel => "System.Threading.Tasks.Parallel",
            KnownType.TaskFactory => "System.Threading.Tasks.TaskFactory",
            KnownType.TaskFactoryOfT => "System.Threading.Tasks.TaskFactory`1",
            KnownType.Enumerable => "System.Linq.Enumerable",
            KnownType.IEnumerableOfT => "System.Collections.Generic.IEnumerable`1",
            KnownType.IAsyncEnumerableOfT => "System.Collections.Generic.IAsyncEnumerable`1",
            KnownType.IAsyncEnumeratorOfT => "System.Collections.Generic.IAsyncEnumerator`1",
            KnownType.EnumeratorCancellationAttribute => "System.Runtime.CompilerServices.EnumeratorCancellationAttribute",
            KnownType.OperationCanceledException => "System.OperationCanceledException",
            KnownType.Exception => "System.Exception",
            KnownType.SpanOfT => "System.Span`1",
            KnownType.ReadOnlySpanOfT => "System.ReadOnlySpan`1",
            KnownType.MemoryOfT => "System.Memory`1",
            KnownType.ReadOnlyMemoryOfT => "System.ReadOnlyMemory`1",
            KnownType.HttpClient => "System.Net.Http.HttpClient",
            KnownType.HttpMessageHandler => "System.Net.Http.HttpMessageHandler",
            KnownType.TaskCompletionSource => "System.Threading.Tasks.TaskCompletionSource",
            KnownType.TaskCompletionSourceOfT => "System.Threading.Tasks.TaskCompletionSource`1",
            KnownType.TaskCreationOptions => "System.Threading.Tasks.TaskCreationOptions",
            KnownType.ParallelOptions => "System.Threading.Tasks.ParallelOptions",
            KnownType.Environment => "System.Environment",
            KnownType.TaskAsyncEnumerableExtensions => "System.Threading.Tasks.TaskAsyncEnumerableExtensions",
            KnownType.ConfiguredAsyncDisposable => "System.Runtime.CompilerServices.ConfiguredAsyncDisposable",
            KnownType.ConfiguredCancelableAsyncEnumerableOfT => "System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable`1",
            KnownType.ArgumentException => "System.ArgumentException",
            _ => throw new System.ArgumentOutOfRangeException(nameof(type)),
        };

        public INamedTypeSymbol? Thread => Get(KnownType.Thread);
        public INamedTypeSymbol? Task => Get(KnownType.Task);
        public INamedTypeSymbol? TaskOfT => Get(KnownType.TaskOfT);
        public INamedTypeSymbol? ValueTask => Get(KnownType.ValueTask);
        public INamedTypeSymbol? ValueTaskOfT => Get(KnownType.ValueTaskOfT);
        public INamedTypeSymbol? CancellationToken => Get(KnownType.CancellationToken);
        public INamedTypeSymbol? CancellationTokenSource => Get(KnownType.CancellationTokenSource);
        public INamedTypeSymbol? TaskStatus => Get(KnownType.TaskStatus);
        public INamedTypeSymbol? TaskAwaiter => Get(KnownType.TaskAwaiter);
        public INamedTypeSymbol? TaskAwaiterOfT => Get(KnownType.TaskAwaiterOfT);
        public INamedTypeSymbol? ValueTaskAwaiter => Get(KnownType.ValueTaskAwaiter);
        public INamedTypeSymbol? ValueTaskAwaiterOfT => Get(KnownType.ValueTaskAwaiterOfT);
        public INamedTypeSymbol? ConfiguredTaskAwaiter => Get(KnownType.ConfiguredTaskAwaiter);
        public INamedTypeSymbol? ConfiguredTaskAwaiterOfT => Get(KnownType.ConfiguredTaskAwaiterOfT);
        public INamedTypeSymbol? ConfiguredValueTaskAwaiter => Get(KnownType.ConfiguredValueTaskAwaiter);
        public INamedTypeSymbol? ConfiguredValueTaskAwaiterOfT => Get(KnownType.ConfiguredValueTaskAwaiterOfT);
        public INamedTypeSymbol? ExpressionOfT => Get(KnownType.ExpressionOfT);
        public INamedTypeSymbol? ListOfT => Get(KnownType.ListOfT);
        public INamedTypeSymbol? ImmutableArrayOfT => Get(KnownType.ImmutableArrayOfT);
        public INamedTypeSymbol? Monitor => Get(KnownType.Monitor);
        public INamedTypeSymbol? Mutex => Get(KnownType.Mutex);
        public INamedTypeSymbol? SpinLock => Get(KnownType.SpinLock);
        public INamedTypeSymbol? ReaderWriterLockSlim => Get(KnownType.ReaderWriterLockSlim);
        public INamedTypeSymbol? Lock => Get(KnownType.Lock);
        public INamedTypeSymbol? SemaphoreSlim => Get(KnownType.SemaphoreSlim);
        public INamedTypeSymbol? IAsyncDisposable => Get(KnownType.IAsyncDisposable);
        public INamedTypeSymbol? INotifyCompletion => Get(KnownType.INotifyCompletion);
        public INamedTypeSymbol? ExperimentalAttribute => Get(KnownType.ExperimentalAttribute);
        public INamedTypeSymbol? Console => Get(KnownType.Console);
        public INamedTypeSymbol? BlockingCollectionOfT => Get(KnownType.BlockingCollectionOfT);
        public INamedTypeSymbol? ObsoleteAttribute => Get(KnownType.ObsoleteAttribute);
        public INamedTypeSymbol? EventArgs => Get(KnownType.EventArgs);
        public INamedTypeSymbol? IDisposable => Get(KnownType.IDisposable);
        public INamedTypeSymbol? Parallel => Get(KnownType.Parallel);
        public INamedTypeSymbol? TaskFactory => Get(KnownType.TaskFactory);
        public INamedTypeSymbol? TaskFactoryOfT => Get(KnownType.TaskFactoryOfT);
        public INamedTypeSymbol? Enumerable => Get(KnownType.Enumerable);
        public INamedTypeSymbol? IEnumerableOfT => Get(KnownType.IEnumerableOfT);
        public INamedTypeSymbol? IAsyncEnumerableOfT => Get(KnownType.IAsyncEnumerableOfT);
        public INamedTypeSymbol? IAsyncEnumeratorOfT => Get(KnownType.IAsyncEnumeratorOfT);
        public INamedTypeSymbol? EnumeratorCancellationAttribute => Get(KnownType.EnumeratorCancellationAttribute);
        public INamedTypeSymbol? OperationCanceledException => Get(KnownType.OperationCanceledException);
        public INamedTypeSymbol? Exception => Get(KnownType.Exception);
        public INamedTypeSymbol? ArgumentException => Get(KnownType.ArgumentException);
        public INamedTypeSymbol? SpanOfT => Get(KnownType.SpanOfT);
        public INamedTypeSymbol? ReadOnlySpanOfT => Get(KnownType.ReadOnlySpanOfT);
        public INamedTypeSymbol? MemoryOfT => Get(KnownType.MemoryOfT);
        public INamedTypeSymbol? ReadOnlyMemoryOfT => Get(KnownType.ReadOnlyMemoryOfT);
        public INamedTypeSymbol? HttpClient => Get(KnownType.HttpClient);
        public INamedTypeSymbol? HttpMessageHandler => Get(KnownType.HttpMessageHandler);
        public INamedTypeSymbol? TaskCompletionSource => Get(KnownType.TaskCompletionSource);
        public INamedTypeSymbol? TaskCompletionSourceOfT => Get(KnownType.TaskCompletionSourceOfT);
        public INamedTypeSymbol? TaskCreationOptions => Get(KnownType.TaskCreationOptions);
        public INamedTypeSymbol? ParallelOptions => Get(KnownType.ParallelOptions);
        public INamedTypeSymbol? Environment => Get(KnownType.Environment);
        public INamedTypeSymbol? TaskAsyncEnumerableExtensions => Get(KnownType.TaskAsyncEnumerableExtensions);
        public INamedTypeSymbol? ConfiguredAsyncDisposable => Get(KnownType.ConfiguredAsyncDisposable);
        public INamedTypeSymbol? ConfiguredCancelableAsyncEnumerableOfT => Get(KnownType.ConfiguredCancelableAsyncEnumerableOfT);

        private ImmutableArray<INamedTypeSymbol> _loggerTypes;

        /// <summary>Types whose methods only write a message somewhere: Console, Debug, Trace and the usual logging libraries.</summary>
        public ImmutableArray<INamedTypeSymbol> LoggerTypes
        {
            get
            {
                if (_loggerTypes.IsDefault)
                {
                    var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                    foreach (var name in LoggerTypeNames)
                    {
                        if (ResolveType(name) is { } type)
                        {
                            builder.Add(type);
                        }
                    }

                    ImmutableInterlocked.InterlockedInitialize(ref _loggerTypes, builder.ToImmutable());
                }

                return _loggerTypes;
            }
        }

        private static readonly string[] LoggerTypeNames =
        {
            "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Trace",
            "Microsoft.Extensions.Logging.ILogger", "Microsoft.Extensions.Logging.LoggerExtensions",
            "Serilog.ILogger", "Serilog.Log", "NLog.ILogger", "NLog.Logger", "log4net.ILog",
        };

        /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; (any construction).</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            return Is(definition, Task) || Is(definition, TaskOfT) || Is(definition, ValueTask) || Is(definition, ValueTaskOfT)
                || (named.BaseType is { } baseType && Is(baseType.OriginalDefinition, TaskOfT))
                || (Task != null && InheritsFrom(named, Task));
        }

        /// <summary>Exactly Task or a Task&lt;T&gt; (the reference-type tasks a null can stand in for).</summary>
        public bool IsTaskOrTaskOfT(ITypeSymbol? type)
            => type is INamedTypeSymbol named && (Is(named, Task) || Is(named.OriginalDefinition, TaskOfT));

        public bool IsValueTask(ITypeSymbol? type)
            => type is INamedTypeSymbol named && (Is(named.OriginalDefinition, ValueTask) || Is(named.OriginalDefinition, ValueTaskOfT));

        /// <summary>An awaiter whose GetResult blocks until the awaited task completes.</summary>
        public bool IsTaskAwaiter(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            return Is(definition, TaskAwaiter) || Is(definition, TaskAwaiterOfT) || Is(definition, ValueTaskAwaiter) || Is(definition, ValueTaskAwaiterOfT)
                || Is(definition, ConfiguredTaskAwaiter) || Is(definition, ConfiguredTaskAwaiterOfT)
                || Is(definition, ConfiguredValueTaskAwaiter) || Is(definition, ConfiguredValueTaskAwaiterOfT);
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> _awaitable = new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Task-like, or a type with an accessible parameterless instance <c>GetAwaiter()</c> whose result has
        /// <c>IsCompleted</c> and <c>GetResult</c> (ConfiguredTaskAwaitable, YieldAwaitable, custom awaitables).
        /// Extension GetAwaiter methods are not considered.
        /// </summary>
        public bool IsAwaitable(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.Dynamic)
            {
                return false;
            }

            if (IsTaskLike(type))
            {
                return true;
            }

            if (_awaitable.TryGetValue(type, out var cached))
            {
                return cached;
            }

            var result = false;
            foreach (var member in type.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnType: { } awaiter } && IsAwaiter(awaiter))
                {
                    result = true;
                    break;
                }
            }

            _awaitable.TryAdd(type, result);
            return result;
        }

        /// <summary>
        /// The compiler's awaiter pattern: a bool <c>IsCompleted</c> property, a parameterless <c>GetResult()</c>, and
        /// <c>INotifyCompletion</c> (which <c>ICriticalNotifyCompletion</c> extends); a type lacking any of them cannot be awaited.
        /// </summary>
        public bool IsAwaiter(ITypeSymbol awaiter)
        {
            var isCompleted = false;
            foreach (var member in awaiter.GetMembers("IsCompleted"))
            {
                isCompleted |= member is IPropertySymbol { IsStatic: false, GetMethod: not null, Type.SpecialType: SpecialType.System_Boolean };
            }

            var getResult = false;
            foreach (var member in awaiter.GetMembers("GetResult"))
            {
                getResult |= member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, Arity: 0 };
            }

            if (!isCompleted || !getResult)
            {
                return false;
            }

            if (INotifyCompletion is not { } notify)
            {
                return true;
            }

            if (Is(awaiter, notify))
            {
                return true;
            }

            foreach (var @interface in awaiter.AllInterfaces)
            {
                if (Is(@interface, notify))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>IAsyncEnumerable&lt;T&gt; itself or a type implementing it.</summary>
        public bool ImplementsAsyncEnumerable(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || IAsyncEnumerableOfT is not { } asyncEnumerable)
            {
                return false;
            }

            if (Is(named.OriginalDefinition, asyncEnumerable))
            {
                return true;
            }

            foreach (var @interface in named.AllInterfaces)
            {
                if (Is(@interface.OriginalDefinition, asyncEnumerable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>(object sender, TEventArgs e)</c> with TEventArgs deriving from (or being) EventArgs.</summary>
        public bool IsEventHandlerSignature(IMethodSymbol method)
        {
            if (method.Parameters.Length != 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_Object)
            {
                return false;
            }

            for (var type = method.Parameters[1].Type; type != null; type = type.BaseType)
            {
                if (Is(type, EventArgs))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Is(ITypeSymbol? type, ITypeSymbol? known)
            => known != null && SymbolEqualityComparer.Default.Equals(type, known);

        /// <summary>The type is <paramref name="interfaceType"/> (any construction) or implements it.</summary>
        public static bool IsOrImplements(ITypeSymbol type, INamedTypeSymbol interfaceType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType))
            {
                return true;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, interfaceType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The type is <paramref name="baseType"/> (any construction) or derives from it.</summary>
        public static bool IsOrDerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
            => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, baseType) || (type is INamedTypeSymbol named && InheritsFrom(named, baseType));

        private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

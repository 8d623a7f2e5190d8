using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Infrastructure
{
    /// <summary>
    /// The framework symbols the rules compare against, looked up once per compilation and shared by every
    /// analyzer and code fix of the package. A symbol is null when the compilation's references lack it
    /// (netstandard1.x, net35 …): rules bail out early in that case.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        private KnownSymbols(Compilation compilation)
        {
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
            TaskStatus = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
            TaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter");
            TaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter`1");
            ValueTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter");
            ValueTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter`1");
            ConfiguredTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");
            ConfiguredTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter");
            ConfiguredValueTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter");
            ConfiguredValueTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");
            ExpressionOfT = compilation.GetTypeByMetadataName("System.Linq.Expressions.Expression`1");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            ImmutableArrayOfT = compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableArray`1");
            Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
            Mutex = compilation.GetTypeByMetadataName("System.Threading.Mutex");
            SpinLock = compilation.GetTypeByMetadataName("System.Threading.SpinLock");
            ReaderWriterLockSlim = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLockSlim");
            Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
            SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            BlockingCollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Concurrent.BlockingCollection`1");
            ObsoleteAttribute = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
            EventArgs = compilation.GetTypeByMetadataName("System.EventArgs");
            IDisposable = compilation.GetTypeByMetadataName("System.IDisposable");
            Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            IEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
            IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
            IAsyncEnumeratorOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerator`1");
            EnumeratorCancellationAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.EnumeratorCancellationAttribute");
            OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
            Exception = compilation.GetTypeByMetadataName("System.Exception");
        }

        public static KnownSymbols Get(Compilation compilation)
            => Cache.GetValue(compilation, static c => new KnownSymbols(c));

        public INamedTypeSymbol? Thread { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? CancellationTokenSource { get; }

        public INamedTypeSymbol? TaskStatus { get; }

        public INamedTypeSymbol? TaskAwaiter { get; }

        public INamedTypeSymbol? TaskAwaiterOfT { get; }

        public INamedTypeSymbol? ValueTaskAwaiter { get; }

        public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }

        public INamedTypeSymbol? ConfiguredTaskAwaiter { get; }

        public INamedTypeSymbol? ConfiguredTaskAwaiterOfT { get; }

        public INamedTypeSymbol? ConfiguredValueTaskAwaiter { get; }

        public INamedTypeSymbol? ConfiguredValueTaskAwaiterOfT { get; }

        public INamedTypeSymbol? ExpressionOfT { get; }

        public INamedTypeSymbol? ListOfT { get; }

        public INamedTypeSymbol? ImmutableArrayOfT { get; }

        public INamedTypeSymbol? Monitor { get; }

        public INamedTypeSymbol? Mutex { get; }

        public INamedTypeSymbol? SpinLock { get; }

        public INamedTypeSymbol? ReaderWriterLockSlim { get; }

        public INamedTypeSymbol? Lock { get; }

        public INamedTypeSymbol? SemaphoreSlim { get; }

        public INamedTypeSymbol? BlockingCollectionOfT { get; }

        public INamedTypeSymbol? ObsoleteAttribute { get; }

        public INamedTypeSymbol? EventArgs { get; }

        public INamedTypeSymbol? IDisposable { get; }

        public INamedTypeSymbol? Parallel { get; }

        public INamedTypeSymbol? TaskFactory { get; }

        public INamedTypeSymbol? TaskFactoryOfT { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public INamedTypeSymbol? IEnumerableOfT { get; }

        public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

        public INamedTypeSymbol? IAsyncEnumeratorOfT { get; }

        public INamedTypeSymbol? EnumeratorCancellationAttribute { get; }

        public INamedTypeSymbol? OperationCanceledException { get; }

        public INamedTypeSymbol? Exception { get; }

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
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnType: { } awaiter }
                    && !awaiter.GetMembers("IsCompleted").IsEmpty
                    && !awaiter.GetMembers("GetResult").IsEmpty)
                {
                    result = true;
                    break;
                }
            }

            _awaitable.TryAdd(type, result);
            return result;
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

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Semantics
{
    // Where twin candidates are looked for: members of the type and its bases, instance members of an extension's receiver, extension methods in scope; each lookup cached.
    internal sealed partial class AsyncTwins
    {
        private bool IsDisposable(INamedTypeSymbol? type)
        {
            if (type is null || _known.IDisposable is not { } disposable)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (KnownSymbols.Is(@interface, disposable))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly ConcurrentDictionary<string, string> _twinNames = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>"Read" → "ReadAsync", allocated once per name rather than once per call.</summary>
        private string TwinName(string name)
        {
            if (_twinNames.TryGetValue(name, out var twin))
            {
                return twin;
            }

            twin = name + "Async";
            _twinNames.TryAdd(name, twin);
            return twin;
        }

        /// <summary>
        /// Extension methods named <paramref name="name"/> callable on <paramref name="receiverType"/> at <paramref name="site"/>:
        /// the lookup depends on the using directives in force, so it is cached per namespace declaration (or file) — once per
        /// file, not per call.
        /// </summary>
        private ImmutableArray<IMethodSymbol> ExtensionCandidates(SemanticModel model, SyntaxNode site, ISymbol callerSymbol, ITypeSymbol receiverType, string name)
        {
            // The innermost namespace declaration (or the file) around the call: walked up from the call's own node,
            // which is cheaper than finding its token again from the root.
            var scope = site;
            while (scope.Parent != null && scope is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax && scope is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)
            {
                scope = scope.Parent;
            }

            // Cheap data first: no extension method of that name is declared in a namespace or type in scope here.
            var position = site.SpanStart;
            if (!ExtensionNamesInScope(scope, model, position, callerSymbol).Contains(name))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var key = new ExtensionKey(scope, receiverType, name);
            if (_extensions.TryGetValue(key, out var cached))
            {
                return cached.Items;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var symbol in model.LookupSymbols(position, receiverType, name, includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension } extension)
                {
                    builder.Add(extension);
                }
            }

            var result = builder.ToImmutable();
            _extensions.TryAdd(key, new Methods(result));
            return result;
        }

        /// <summary>A list of methods in a cache (a class, so the cache runs precompiled code; see the fields).</summary>
        private sealed class Methods
        {
            public Methods(ImmutableArray<IMethodSymbol> items) => Items = items;

            public ImmutableArray<IMethodSymbol> Items { get; }
        }

        private sealed class ExtensionKey : IEquatable<ExtensionKey>
        {
            private readonly SyntaxNode _scope;
            private readonly ITypeSymbol _receiver;
            private readonly string _name;

            public ExtensionKey(SyntaxNode scope, ITypeSymbol receiver, string name)
            {
                _scope = scope;
                _receiver = receiver;
                _name = name;
            }

            public bool Equals(ExtensionKey? other)
                => other is not null && ReferenceEquals(_scope, other._scope) && SymbolEqualityComparer.Default.Equals(_receiver, other._receiver) && string.Equals(_name, other._name, StringComparison.Ordinal);

            public override bool Equals(object? obj) => Equals(obj as ExtensionKey);

            public override int GetHashCode()
                => (((_scope.GetHashCode() * 397) ^ SymbolEqualityComparer.Default.GetHashCode(_receiver)) * 397) ^ StringComparer.Ordinal.GetHashCode(_name);
        }

        private ImmutableArray<IMethodSymbol> MemberCandidates(IMethodSymbol definition, IMethodSymbol call)
        {
            if (_memberCandidates.TryGetValue(call, out var cached))
            {
                return cached.Items;
            }

            var collected = CollectMemberCandidates(call);
            _memberCandidates.TryAdd(call, new Methods(collected));
            return collected;
        }

        private ImmutableArray<IMethodSymbol> CollectMemberCandidates(IMethodSymbol method)
        {
            var twinName = TwinName(method.Name);
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            var type = method.ReducedFrom is null ? method.ContainingType : method.ReducedFrom.ContainingType;
            for (var current = type; current != null; current = current.BaseType)
            {
                AddMembers(current, twinName, builder, seen);
            }

            if (type != null && type.TypeKind == TypeKind.Interface)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    AddMembers(@interface, twinName, builder, seen);
                }
            }

            return builder.ToImmutable();
        }

        private void AddMembers(INamedTypeSymbol type, string name, ImmutableArray<IMethodSymbol>.Builder builder, HashSet<ITypeSymbol> seen)
        {
            if (!seen.Add(type))
            {
                return;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol candidate && !IsObsolete(candidate))
                {
                    builder.Add(candidate);
                }
            }
        }

        private bool IsObsolete(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, _known.ObsoleteAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Instance methods named <paramref name="name"/> on <paramref name="type"/> and its bases (interfaces: all of them).</summary>
        private ImmutableArray<IMethodSymbol> InstanceCandidates(INamedTypeSymbol type, string name)
        {
            var byName = _instanceCandidates.GetOrAdd(type, static _ => new ConcurrentDictionary<string, Methods>(StringComparer.Ordinal));
            if (byName.TryGetValue(name, out var cached))
            {
                return cached.Items;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            for (var current = type; current != null; current = current.BaseType)
            {
                AddMembers(current, name, builder, seen);
            }

            foreach (var @interface in type.AllInterfaces)
            {
                AddMembers(@interface, name, builder, seen);
            }

            var instance = ImmutableArray.CreateBuilder<IMethodSymbol>(builder.Count);
            foreach (var candidate in builder)
            {
                if (!candidate.IsStatic)
                {
                    instance.Add(candidate);
                }
            }

            var result = instance.ToImmutable();
            byName.TryAdd(name, new Methods(result));
            return result;
        }

        private static readonly HashSet<string> NoNames = new HashSet<string>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<INamespaceOrTypeSymbol, HashSet<string>> _extensionNames = new ConcurrentDictionary<INamespaceOrTypeSymbol, HashSet<string>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<NameSets, HashSet<string>> _unions = new ConcurrentDictionary<NameSets, HashSet<string>>();
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, HashSet<string>> _scopeExtensionNames = new System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, HashSet<string>>();

        /// <summary>
        /// The names ending in "Async" of the members of the static classes that can bring extension methods into
        /// <paramref name="scope"/> (a namespace declaration or the file): those declared in the enclosing namespaces and in the
        /// namespaces and types the file imports (global usings included). A superset of the extension methods
        /// <c>LookupSymbols</c> can find there, so a name missing from it needs no lookup. Built once per scope from name sets
        /// cached per namespace; files with the same non-empty sets (the same usings, most often) share one union, and a
        /// scope with a single non-empty set uses it as it is.
        /// </summary>
        private HashSet<string> ExtensionNamesInScope(SyntaxNode scope, SemanticModel model, int position, ISymbol callerSymbol)
        {
            if (_scopeExtensionNames.TryGetValue(scope, out var cached))
            {
                return cached;
            }

            var sets = new List<HashSet<string>>();

            // The enclosing namespaces, each as the compilation sees it (all assemblies' parts of it): a source symbol's
            // containing namespaces are its own module's, which do not see a referenced assembly's part of the same name.
            for (var ns = callerSymbol as INamespaceSymbol ?? callerSymbol.ContainingNamespace; ns != null; ns = ns.ContainingNamespace)
            {
                AddDistinct(sets, ExtensionNames(ns.NamespaceKind == NamespaceKind.Compilation ? ns : _compilation.GetCompilationNamespace(ns) ?? ns));
            }

            foreach (var importScope in model.GetImportScopes(position))
            {
                foreach (var import in importScope.Imports)
                {
                    if (import.NamespaceOrType is { } target)
                    {
                        AddDistinct(sets, ExtensionNames(target));
                    }
                }
            }

            var names = sets.Count switch
            {
                0 => NoNames,
                1 => sets[0],
                _ => _unions.GetOrAdd(new NameSets(sets.ToArray()), static key => key.Union()),
            };
            return _scopeExtensionNames.GetValue(scope, _ => names);
        }

        private static void AddDistinct(List<HashSet<string>> sets, HashSet<string> names)
        {
            if (names.Count == 0)
            {
                return;
            }

            foreach (var set in sets)
            {
                if (ReferenceEquals(set, names))
                {
                    return;
                }
            }

            sets.Add(names);
        }

        /// <summary>The name sets of one scope, compared by identity and order (a key class: see the fields of AsyncTwins).</summary>
        private sealed class NameSets : IEquatable<NameSets>
        {
            private readonly HashSet<string>[] _sets;
            private readonly int _hash;

            public NameSets(HashSet<string>[] sets)
            {
                _sets = sets;
                var hash = sets.Length;
                foreach (var set in sets)
                {
                    hash = (hash * 397) ^ System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(set);
                }

                _hash = hash;
            }

            public HashSet<string> Union()
            {
                var union = new HashSet<string>(_sets[0], StringComparer.Ordinal);
                for (var i = 1; i < _sets.Length; i++)
                {
                    union.UnionWith(_sets[i]);
                }

                return union;
            }

            public bool Equals(NameSets? other)
            {
                if (other is null || other._hash != _hash || other._sets.Length != _sets.Length)
                {
                    return false;
                }

                for (var i = 0; i < _sets.Length; i++)
                {
                    if (!ReferenceEquals(_sets[i], other._sets[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            public override bool Equals(object? obj) => Equals(obj as NameSets);

            public override int GetHashCode() => _hash;
        }

        private HashSet<string> ExtensionNames(INamespaceOrTypeSymbol container)
            => _extensionNames.GetOrAdd(container, static c =>
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                if (c is INamespaceSymbol ns)
                {
                    // Per assembly, as the compiler looks up extension methods: an assembly without the assembly-level
                    // [Extension] attribute has none it would find, so its types are never loaded here (the namespace System
                    // spans dozens of reference assemblies; loading all their types was about a third of this rule's time on
                    // FluentFTP, docs/performance.md).
                    foreach (var part in ns.ConstituentNamespaces)
                    {
                        if (part.ContainingAssembly is { MightContainExtensionMethods: false })
                        {
                            continue;
                        }

                        foreach (var type in part.GetTypeMembers())
                        {
                            AddAsyncNames(type, names);
                        }
                    }
                }
                else if (c is INamedTypeSymbol type)
                {
                    AddAsyncNames(type, names);
                }

                return names;
            });

        private static void AddAsyncNames(INamedTypeSymbol type, HashSet<string> names)
        {
            if (!type.IsStatic && !type.MightContainExtensionMethods)
            {
                return;
            }

            foreach (var name in type.MemberNames)
            {
                if (name.EndsWith("Async", StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
        }
    }
}

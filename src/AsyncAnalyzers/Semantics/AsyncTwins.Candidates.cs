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
        /// Extension methods named <paramref name="name"/> callable on <paramref name="receiverType"/>: the lookup depends on the
        /// using directives in force, so it is cached per namespace declaration (or file) — once per file, not per call.
        /// </summary>
        private ImmutableArray<IMethodSymbol> ExtensionCandidates(SemanticModel model, int position, ITypeSymbol receiverType, string name)
        {
            var root = model.SyntaxTree.GetRoot();
            var scope = root.FindToken(position).Parent;
            while (scope != null && scope is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax && scope is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)
            {
                scope = scope.Parent;
            }

            // Cheap data first: no extension method of that name is declared in a namespace or type in scope here.
            if (!ExtensionNamesInScope(scope ?? root, model, position).Contains(name))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var key = new ExtensionKey(scope ?? root, receiverType, name);
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

        private readonly ConcurrentDictionary<INamespaceOrTypeSymbol, HashSet<string>> _extensionNames = new ConcurrentDictionary<INamespaceOrTypeSymbol, HashSet<string>>(SymbolEqualityComparer.Default);
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, HashSet<string>> _scopeExtensionNames = new System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, HashSet<string>>();

        /// <summary>
        /// The names ending in "Async" of the members of the static classes that can bring extension methods into
        /// <paramref name="scope"/> (a namespace declaration or the file): those declared in the enclosing namespaces and in the
        /// namespaces and types the file imports (global usings included). A superset of the extension methods
        /// <c>LookupSymbols</c> can find there, so a name missing from it needs no lookup; built once per scope from name sets
        /// cached per namespace.
        /// </summary>
        private HashSet<string> ExtensionNamesInScope(SyntaxNode scope, SemanticModel model, int position)
        {
            if (_scopeExtensionNames.TryGetValue(scope, out var cached))
            {
                return cached;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var enclosing = model.GetEnclosingSymbol(position);
            for (var ns = enclosing as INamespaceSymbol ?? enclosing?.ContainingNamespace; ns != null; ns = ns.ContainingNamespace)
            {
                names.UnionWith(ExtensionNames(ns));
            }

            foreach (var importScope in model.GetImportScopes(position))
            {
                foreach (var import in importScope.Imports)
                {
                    if (import.NamespaceOrType is { } target)
                    {
                        names.UnionWith(ExtensionNames(target));
                    }
                }
            }

            return _scopeExtensionNames.GetValue(scope, _ => names);
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

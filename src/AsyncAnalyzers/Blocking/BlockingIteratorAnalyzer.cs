using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC106: a synchronous iterator (<c>IEnumerable&lt;T&gt;</c> / <c>IEnumerator&lt;T&gt;</c> with <c>yield</c>) whose
    /// body makes blocking calls that have async twins — the seed's generator doing an HTTP request per item. Reported once,
    /// on the iterator's name. Not reported: iterators without such calls, overrides and interface implementations (their
    /// signature is someone else's contract), iterators whose type already declares an <c>…Async</c> sibling (a deliberate
    /// synchronous API next to its async version), targets without <c>IAsyncEnumerable&lt;T&gt;</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BlockingIteratorAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingIterator);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                var twins = AsyncTwins.CreateLazy(start.Compilation, start.Options, start.CancellationToken);
                // Where "yield" occurs in each file (a fact about the file, computed once): a body without it has no iterator,
                // so it gets no per-body state or actions — most bodies of most files.
                var yields = new ConcurrentDictionary<SyntaxTree, int[]>();
                start.RegisterOperationBlockStartAction(block =>
                {
                    if (block.OwningSymbol is not IMethodSymbol || !HasYield(block.OperationBlocks, yields)
                        || known.IAsyncEnumerableOfT is null || known.IEnumerableOfT is null)
                    {
                        return;
                    }

                    // Per iterator of this body (the method or one of its local functions): the first blocking call with a twin.
                    // Kept per body, not per compilation: nothing promises a body is analysed once per compilation start.
                    var found = new ConcurrentDictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
                    var iterators = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                    block.RegisterOperationAction(c =>
                    {
                        if (c.Operation is not IInvocationOperation invocation || invocation.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal))
                        {
                            return;
                        }

                        var function = AsyncContext.GetEnclosingFunction(invocation, c.ContainingSymbol);
                        if (function is null || function.IsAsync || found.ContainsKey(function))
                        {
                            return;
                        }

                        if (!iterators.TryGetValue(function, out var isIterator))
                        {
                            isIterator = IsCandidateIterator(function, known);
                            iterators.TryAdd(function, isIterator);
                        }

                        if (isIterator
                            && twins.Value.Find(invocation, c.ContainingSymbol, Options.ForTree(c.Options, invocation.Syntax.SyntaxTree)) is not null
                            && !OperationTree.IsInExpressionTreeOrNameof(invocation, known))
                        {
                            var called = invocation.TargetMethod.ContainingType is { } type ? type.Name + "." + invocation.TargetMethod.Name : invocation.TargetMethod.Name;
                            found.TryAdd(function, called);
                        }
                    }, OperationKind.Invocation);
                    block.RegisterOperationBlockEndAction(end =>
                    {
                        foreach (var pair in found)
                        {
                            if (NameLocation(pair.Key) is { } location)
                            {
                                end.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingIterator, location, pair.Key.Name, pair.Value));
                            }
                        }
                    });
                });
            });
        }

        /// <summary>Whether "yield" occurs inside one of the body's blocks (the method's or a local function's).</summary>
        private static bool HasYield(ImmutableArray<IOperation> blocks, ConcurrentDictionary<SyntaxTree, int[]> yields)
        {
            foreach (var operation in blocks)
            {
                var syntax = operation.Syntax;
                var positions = yields.GetOrAdd(syntax.SyntaxTree, static tree => YieldPositions(tree));
                var span = syntax.Span;
                var index = Array.BinarySearch(positions, span.Start);
                if (index < 0)
                {
                    index = ~index;
                }

                if (index < positions.Length && positions[index] < span.End)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Where the text "yield" occurs in the file, in order: a superset of its yield statements (comments, strings and
        /// identifiers count too, which only costs a body its per-body state), read from the text without a syntax walk —
        /// walking every body's nodes cost more than the per-body state it saves.
        /// </summary>
        private static int[] YieldPositions(SyntaxTree tree)
        {
            var text = tree.GetText();
            var positions = new System.Collections.Generic.List<int>();
            var buffer = new char[4096];
            const int Overlap = 4; // "yield" is five characters: keep the last four of a chunk for the next one
            for (var start = 0; start < text.Length; start += buffer.Length - Overlap)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                for (var i = 0; i + 4 < count; i++)
                {
                    if (buffer[i] == 'y' && buffer[i + 1] == 'i' && buffer[i + 2] == 'e' && buffer[i + 3] == 'l' && buffer[i + 4] == 'd'
                        && (positions.Count == 0 || positions[positions.Count - 1] < start + i))
                    {
                        positions.Add(start + i);
                    }
                }

                if (start + count >= text.Length)
                {
                    break;
                }
            }

            return positions.ToArray();
        }

        /// <summary>A synchronous iterator returning IEnumerable&lt;T&gt; or IEnumerator&lt;T&gt;, whose signature is its own.</summary>
        private static bool IsCandidateIterator(IMethodSymbol function, KnownSymbols known)
        {
            if (function.ReturnType is not INamedTypeSymbol { IsGenericType: true } returnType
                || !(KnownSymbols.Is(returnType.OriginalDefinition, known.IEnumerableOfT) || returnType.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerator_T)
                || function.IsOverride || function.ExplicitInterfaceImplementations.Length > 0 || IsImplicitInterfaceImplementation(function))
            {
                return false;
            }

            // The type already offers the async version next to it (ReadAllLines / ReadAllLinesAsync): the sync one is deliberate.
            if (function.MethodKind == MethodKind.Ordinary && function.ContainingType is { } type && type.GetMembers(function.Name + "Async").Length > 0)
            {
                return false;
            }

            foreach (var reference in function.DeclaringSyntaxReferences)
            {
                var body = reference.GetSyntax() switch
                {
                    MethodDeclarationSyntax method => (SyntaxNode?)method.Body,
                    LocalFunctionStatementSyntax local => local.Body,
                    _ => null,
                };
                if (body is not null && HasYield(body))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasYield(SyntaxNode body)
        {
            foreach (var node in body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is YieldStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsImplicitInterfaceImplementation(IMethodSymbol method)
            => method.DeclaredAccessibility == Accessibility.Public && InterfaceImplementations.ImplementsInterfaceMember(method);

        private static Location? NameLocation(IMethodSymbol function)
        {
            foreach (var reference in function.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case MethodDeclarationSyntax method:
                        return method.Identifier.GetLocation();
                    case LocalFunctionStatementSyntax local:
                        return local.Identifier.GetLocation();
                }
            }

            return null;
        }
    }
}

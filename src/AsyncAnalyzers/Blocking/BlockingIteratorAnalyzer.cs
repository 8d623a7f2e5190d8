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
                // Actions and caches for the compilation, not per body: a block-start action made every method body pay
                // for two concurrent dictionaries and two registrations, where almost no body is an iterator.
                // Per function (a method or a local function): whether it is a candidate iterator, and whether it has its
                // finding; per member whose body has findings: the functions and calls to report when its block ends (the
                // diagnostic sits on the function's name, outside the call, so it is reported by the block action, which
                // keeps it local to the member for the code fix).
                var iterators = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                var functionsFound = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                var pending = new ConcurrentDictionary<ISymbol, Findings>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(c =>
                {
                    if (known.IAsyncEnumerableOfT is null || known.IEnumerableOfT is null || c.Operation is not IInvocationOperation invocation
                        || invocation.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal))
                    {
                        return;
                    }

                    var function = AsyncContext.GetEnclosingFunction(invocation, c.ContainingSymbol);
                    if (function is null || function.IsAsync || functionsFound.ContainsKey(function))
                    {
                        return;
                    }

                    if (!iterators.TryGetValue(function, out var isIterator))
                    {
                        isIterator = IsCandidateIterator(function, known);
                        iterators.TryAdd(function, isIterator);
                    }

                    // The first blocking call with a twin names the iterator's problem (a body is analysed by one thread, in order).
                    if (isIterator
                        && twins.Value.Find(invocation, c.ContainingSymbol, Options.ForTree(c.Options, invocation.Syntax.SyntaxTree)) is not null
                        && !OperationTree.IsInExpressionTreeOrNameof(invocation, known)
                        && functionsFound.TryAdd(function, true))
                    {
                        var called = invocation.TargetMethod.ContainingType is { } type ? type.Name + "." + invocation.TargetMethod.Name : invocation.TargetMethod.Name;
                        pending.GetOrAdd(c.ContainingSymbol, static _ => new Findings()).Add(function, called);
                    }
                }, OperationKind.Invocation);
                start.RegisterOperationBlockAction(block =>
                {
                    if (!pending.TryGetValue(block.OwningSymbol, out _) || !pending.TryRemove(block.OwningSymbol, out var findings))
                    {
                        return;
                    }

                    foreach (var finding in findings.Items())
                    {
                        if (NameLocation(finding.Function) is { } location)
                        {
                            block.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingIterator, location, finding.Function.Name, finding.Called));
                        }
                    }
                });
            });
        }

        /// <summary>The iterators of one member's body that have a finding, and the call each was found at (a class of classes: see ARCHITECTURE.md on caches).</summary>
        private sealed class Findings
        {
            private readonly System.Collections.Generic.List<Finding> _items = new System.Collections.Generic.List<Finding>();

            public void Add(IMethodSymbol function, string called)
            {
                lock (_items)
                {
                    _items.Add(new Finding(function, called));
                }
            }

            public Finding[] Items()
            {
                lock (_items)
                {
                    return _items.ToArray();
                }
            }
        }

        private sealed class Finding
        {
            public Finding(IMethodSymbol function, string called)
            {
                Function = function;
                Called = called;
            }

            public IMethodSymbol Function { get; }

            public string Called { get; }
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

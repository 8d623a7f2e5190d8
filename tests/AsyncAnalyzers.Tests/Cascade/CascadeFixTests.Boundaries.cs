using System.Threading.Tasks;

namespace AsyncAnalyzers.Tests.Cascade
{
    // ASYNC104 cascade: where it stops (boundaries) and seeds that get no cascade.
    public sealed partial class CascadeFixTests
    {
        [Fact]
        public Task Constructor_property_operator_and_Dispose_callers_are_boundaries()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Session : IDisposable
                {
                    static Task<int> OpenAsync() => Task.FromResult(1);

                    int Open() => [|OpenAsync().Result|];

                    private readonly int _id;

                    internal Session() { _id = Open(); }

                    internal int Id => Open();

                    public static int operator +(Session a, Session b) => a.Open() + b.Open();

                    public void Dispose() { Open(); }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Session : IDisposable
                {
                    static Task<int> OpenAsync() => Task.FromResult(1);

                    async Task<int> Open() => await OpenAsync();

                    private readonly int _id;

                    internal Session() { _id = [|Open().GetAwaiter().GetResult()|]; }

                    internal int Id => [|Open().GetAwaiter().GetResult()|];

                    public static int operator +(Session a, Session b) => [|a.Open().GetAwaiter().GetResult()|] + [|b.Open().GetAwaiter().GetResult()|];

                    public void Dispose() { [|Open().GetAwaiter().GetResult()|]; }
                }
                """).RunAsync();

        [Fact]
        public Task Boundary_statement_calls_keep_blocking_when_the_chain_below_blocked()
            => Test(
                """
                using System.Threading.Tasks;

                class Cache
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    void Flush() => [|WriteAsync().Wait()|];

                    void Save() { Flush(); }

                    internal Cache() { Save(); }
                }
                """,
                """
                using System.Threading.Tasks;

                class Cache
                {
                    static Task WriteAsync() => Task.CompletedTask;

                    async Task Flush() => await WriteAsync();

                    async Task Save() { await Flush(); }

                    internal Cache() { [|Save().GetAwaiter().GetResult()|]; }
                }
                """).RunAsync();

        [Fact]
        public Task Ref_out_iterator_lock_catch_filter_and_event_handler_callers_are_boundaries()
            => Test(
                """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Boundaries
                {
                    static Task<int> GetAsync() => Task.FromResult(1);
                    private readonly object _gate = new object();

                    int Get() => [|GetAsync().Result|];

                    void WithOut(out int value) { value = Get(); }

                    IEnumerable<int> Iterate() { yield return Get(); }

                    void Locked() { lock (_gate) { Get(); } }

                    void Filtered()
                    {
                        try { } catch (Exception) when (Get() > 0) { }
                    }

                    void OnClick(object sender, EventArgs e) { Get(); }

                    int Conditional(Boundaries other) => other?.Get() ?? 0;
                }
                """,
                """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Boundaries
                {
                    static Task<int> GetAsync() => Task.FromResult(1);
                    private readonly object _gate = new object();

                    async Task<int> Get() => await GetAsync();

                    void WithOut(out int value) { value = [|Get().GetAwaiter().GetResult()|]; }

                    IEnumerable<int> Iterate() { yield return [|Get().GetAwaiter().GetResult()|]; }

                    void Locked() { lock (_gate) { [|Get().GetAwaiter().GetResult()|]; } }

                    void Filtered()
                    {
                        try { } catch (Exception) when ([|Get().GetAwaiter().GetResult()|] > 0) { }
                    }

                    void OnClick(object sender, EventArgs e) { [|Get().GetAwaiter().GetResult()|]; }

                    int Conditional(Boundaries other) => other?[|.Get().GetAwaiter().GetResult()|] ?? 0;
                }
                """).RunAsync();

        [Fact]
        public Task Method_group_use_of_a_caller_makes_it_a_boundary()
            => Test(
                """
                using System;
                using System.Threading.Tasks;

                class Timers
                {
                    static Task<int> TickAsync() => Task.FromResult(1);

                    int Tick() => [|TickAsync().Result|];

                    void OnTimer() { Tick(); }

                    void Start() { Action callback = OnTimer; callback(); }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class Timers
                {
                    static Task<int> TickAsync() => Task.FromResult(1);

                    async Task<int> Tick() => await TickAsync();

                    void OnTimer() { [|Tick().GetAwaiter().GetResult()|]; }

                    void Start() { Action callback = OnTimer; callback(); }
                }
                """).RunAsync();

        [Theory]
        [InlineData("Func<int> f = Load; _ = f();", "method group")]
        [InlineData("System.Linq.Expressions.Expression<Func<int>> e = () => new Holder().Load();", "expression tree")]
        public Task Seed_whose_signature_is_pinned_gets_no_cascade(string use, string why)
        {
            _ = why;
            var source = $$"""
                using System;
                using System.Threading.Tasks;

                class Holder
                {
                    static Task<int> LoadAsync() => Task.FromResult(1);

                    internal int Load() => [|LoadAsync().Result|];

                    void Wire() { {{use}} }
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Seeds_in_boundary_members_get_no_cascade()
        {
            var source = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class Shapes : IDisposable
                {
                    static Task<int> GetAsync() => Task.FromResult(1);
                    private readonly object _gate = new object();

                    public void Dispose() => [|GetAsync().Wait()|];
                    public override string ToString() => [|GetAsync().Result|].ToString();
                    void WithRef(ref int value) { value = [|GetAsync().Result|]; }
                    IEnumerable<int> Iterate() { yield return [|GetAsync().Result|]; }
                    void Locked() { lock (_gate) { [|GetAsync().Wait()|]; } }
                    void OnClick(object sender, EventArgs e) { [|GetAsync().Wait()|]; }
                    unsafe void Pointer(int* p) { *p = [|GetAsync().Result|]; }
                    void InLambda() { Action a = () => [|GetAsync().Wait()|]; a(); }
                    [System.Diagnostics.Conditional("DEBUG")] void Trace() => [|GetAsync().Wait()|];
                }

                struct Counter
                {
                    static Task<int> NextAsync() => Task.FromResult(1);
                    private int _value;
                    void Bump() { _value += [|NextAsync().GetAwaiter().GetResult()|]; }
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Covariant_override_local_method_group_and_ref_struct_local_get_no_cascade()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class Base
                {
                    internal virtual object Get() => null;
                }

                class Derived : Base
                {
                    static Task<string> GetAsync() => Task.FromResult("x");

                    internal override string Get() => [|GetAsync().Result|];
                }

                class Locals
                {
                    static Task<int> LoadAsync() => Task.FromResult(1);

                    void Run()
                    {
                        int Local() => [|LoadAsync().Result|];
                        Func<int> f = Local;
                        _ = f();
                    }

                    void Fill()
                    {
                        Span<int> buffer = stackalloc int[4];
                        buffer[0] = [|LoadAsync().Result|];
                    }
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Caller_in_a_file_marked_generated_in_editorconfig_pins_the_method()
        {
            const string Source = """
                using System.Threading.Tasks;

                partial class Form
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    int Size() => [|SizeAsync().Result|];
                }
                """;
            const string Generated = """
                partial class Form
                {
                    int Layout() => Size();
                }

                """;
            var test = Test(Source, Source);
            test.TestState.Sources.Add(("/0/Layout.cs", Generated));
            test.FixedState.Sources.Add(("/0/Layout.cs", Generated));
            test.TestState.AnalyzerConfigFiles.Clear();
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(null) + "\n[Layout.cs]\ngenerated_code = true\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Interface_member_from_metadata_is_a_boundary()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class Comparer : System.Collections.Generic.IComparer<int>
                {
                    static Task<int> CompareAsync(int x, int y) => Task.FromResult(x - y);

                    public int Compare(int x, int y) => [|CompareAsync(x, y).Result|];
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Interface_with_a_boundary_implementation_is_not_converted()
        {
            var source = """
                using System.Threading.Tasks;

                interface ISource
                {
                    int Next();
                }

                class Remote : ISource
                {
                    static Task<int> NextAsync() => Task.FromResult(1);

                    public int Next() => [|NextAsync().Result|];
                }

                struct Fixed : ISource
                {
                    public int Next() => 4;
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Method_whose_signature_does_not_bind_gets_no_cascade()
        {
            var source = """
                using System.Threading.Tasks;

                class Importer
                {
                    static Task<int> ImportAsync() => Task.FromResult(1);

                    int Import({|CS0246:Missing|} settings) => [|ImportAsync().Result|];
                }
                """;
            return Test(source, source).RunAsync();
        }

        [Fact]
        public Task Caller_in_generated_code_pins_the_method()
        {
            var test = Test(
                """
                using System.Threading.Tasks;

                partial class Form
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    int Size() => [|SizeAsync().Result|];
                }
                """,
                """
                using System.Threading.Tasks;

                partial class Form
                {
                    static Task<int> SizeAsync() => Task.FromResult(1);

                    int Size() => [|SizeAsync().Result|];
                }
                """);
            test.TestState.Sources.Add(("/0/Form.Designer.cs", """
                partial class Form
                {
                    int Layout() => Size();
                }

                """));
            test.FixedState.Sources.Add(("/0/Form.Designer.cs", """
                partial class Form
                {
                    int Layout() => Size();
                }

                """));
            return test.RunAsync();
        }

        [Fact]
        public Task Main_is_left_to_the_Main_fix()
        {
            var source = """
                using System.Threading.Tasks;

                class Program
                {
                    static void Main() => {|ASYNC104:Task.Delay(1).Wait()|};
                }
                """;
            var test = Test(source, source);
            test.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Clear();
            return test.RunAsync();
        }
    }
}

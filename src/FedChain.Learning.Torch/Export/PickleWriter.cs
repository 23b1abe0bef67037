using System.Buffers.Binary;
using System.Text;

namespace FedChain.Learning.Torch.Export;

/// <summary>
/// The few opcodes of Python's pickle protocol 2 that a TorchScript archive's data.pkl uses: globals, objects
/// built from a state dict, tuples, strings, small integers and persistent ids (the tensors' storages).
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _bytes = new();

    public PickleWriter()
    {
        _bytes.WriteByte(0x80); // PROTO
        _bytes.WriteByte(2);
    }

    public void Global(string module, string name) => Write($"c{module}\n{name}\n");

    public void Mark() => _bytes.WriteByte((byte)'(');

    public void Tuple() => _bytes.WriteByte((byte)'t');

    public void EmptyTuple() => _bytes.WriteByte((byte)')');

    public void EmptyDict() => _bytes.WriteByte((byte)'}');

    public void SetItems() => _bytes.WriteByte((byte)'u');

    public void NewObject() => _bytes.WriteByte(0x81);

    public void Build() => _bytes.WriteByte((byte)'b');

    public void Reduce() => _bytes.WriteByte((byte)'R');

    public void PersistentId() => _bytes.WriteByte((byte)'Q');

    public void Bool(bool value) => _bytes.WriteByte(value ? (byte)0x88 : (byte)0x89);

    public void String(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
        _bytes.WriteByte((byte)'X'); // BINUNICODE
        _bytes.Write(length);
        _bytes.Write(utf8);
    }

    public void Int(long value)
    {
        if (value is >= 0 and <= byte.MaxValue)
        {
            _bytes.WriteByte((byte)'K'); // BININT1
            _bytes.WriteByte((byte)value);
            return;
        }

        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, checked((int)value));
        _bytes.WriteByte((byte)'J'); // BININT
        _bytes.Write(bytes);
    }

    /// <summary>Ends the pickle (STOP) and returns its bytes.</summary>
    public byte[] Finish()
    {
        _bytes.WriteByte((byte)'.');
        return _bytes.ToArray();
    }

    private void Write(string ascii) => _bytes.Write(Encoding.ASCII.GetBytes(ascii));
}

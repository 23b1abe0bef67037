using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger.Contracts;

/// <summary>Casts from the ABI decoder's CLR values to the bindings' types.</summary>
internal static class Decoded
{
    public static Bytes32 B32(object? value) => Bytes32.FromBytes((byte[])value!);

    public static ulong U64(object? value) => (ulong)(BigInteger)value!;

    public static uint U32(object? value) => (uint)(BigInteger)value!;

    public static BigInteger Big(object? value) => (BigInteger)value!;

    public static Address Addr(object? value) => (Address)value!;
}

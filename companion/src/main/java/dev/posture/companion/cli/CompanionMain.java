package dev.posture.companion.cli;
public final class CompanionMain { public static void main(String[] a) { System.out.println("companion"); } }

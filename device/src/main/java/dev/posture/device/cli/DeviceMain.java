package dev.posture.device.cli;
public final class DeviceMain { public static void main(String[] a) { System.out.println("device"); } }

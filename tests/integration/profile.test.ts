import { describe, expect, it } from "vitest";
import { getOwnProfile, updateOwnProfile } from "@/lib/db/profile";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

const profile = {
  name: "Li Yan",
  certificateName: "Li Yan",
  nativeName: "李岩",
  country: "CN",
  organisation: "CASTED",
  position: "Associate Researcher",
  timeZone: "Asia/Shanghai",
};

describe("updateOwnProfile", () => {
  it("saves the profile, marks it complete once, and audit-logs before and after", async () => {
    const user = await t.db.user.create({ data: { email: "liyan@example.org" } });
    const other = await t.db.user.create({ data: { email: "other@example.org", name: "Other" } });
    await updateOwnProfile(t.db, user.id, profile);
    const saved = await getOwnProfile(t.db, user.id);
    expect(saved).toMatchObject(profile);
    const completedAt = saved.profileCompletedAt;
    expect(completedAt).toBeInstanceOf(Date);

    await updateOwnProfile(t.db, user.id, { ...profile, position: "Researcher" });
    const again = await getOwnProfile(t.db, user.id);
    expect(again.position).toBe("Researcher");
    expect(again.profileCompletedAt).toEqual(completedAt);

    const events = await t.db.auditEvent.findMany({
      where: { actorId: user.id, action: "profile.update" },
      orderBy: { at: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events[0]!.before).toMatchObject({ name: null, country: null });
    expect(events[0]!.after).toMatchObject({ name: "Li Yan", country: "CN" });
    expect(events[1]!.before).toMatchObject({ position: "Associate Researcher" });
    expect(events[1]!.after).toMatchObject({ position: "Researcher" });
    expect((await getOwnProfile(t.db, other.id)).name).toBe("Other");
  });

  it("writes nothing when the database refuses the change", async () => {
    const user = await t.db.user.create({ data: { email: "bad@example.org" } });
    await expect(updateOwnProfile(t.db, user.id, { ...profile, country: "china" })).rejects.toThrow(
      "users_country_check",
    );
    expect((await getOwnProfile(t.db, user.id)).name).toBeNull();
    expect(await t.db.auditEvent.count({ where: { actorId: user.id } })).toBe(0);
  });
});

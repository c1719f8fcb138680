// Korean administrative divisions (experimental CLOVA.KO_ADDRESS_* types, §5.5): "ja|en|ko|aliases".

export const KR_SIDO: readonly string[] = [
  "ソウル特別市|Seoul|서울특별시|서울,서울시",
  "釜山広域市|Busan|부산광역시|부산,부산시",
  "大邱広域市|Daegu|대구광역시|대구,대구시",
  "仁川広域市|Incheon|인천광역시|인천,인천시",
  "光州広域市|Gwangju|광주광역시|광주시",
  "大田広域市|Daejeon|대전광역시|대전,대전시",
  "蔚山広域市|Ulsan|울산광역시|울산,울산시",
  "世宗特別自治市|Sejong|세종특별자치시|세종시",
  "京畿道|Gyeonggi|경기도",
  "江原特別自治道|Gangwon|강원특별자치도|강원도",
  "忠清北道|North Chungcheong|충청북도|충북",
  "忠清南道|South Chungcheong|충청남도|충남",
  "全北特別自治道|North Jeolla|전북특별자치도|전라북도,전북",
  "全羅南道|South Jeolla|전라남도|전남",
  "慶尚北道|North Gyeongsang|경상북도|경북",
  "慶尚南道|South Gyeongsang|경상남도|경남",
  "済州特別自治道|Jeju|제주특별자치도|제주도",
];

/** Seoul's 25 districts and major cities/districts elsewhere (Korean names only). */
export const KR_SIGUNGU =
  "종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 서대문구 마포구 양천구 강서구 구로구 " +
  "금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구 해운대구 수영구 분당구 수지구 일산동구 일산서구 수원시 성남시 " +
  "고양시 용인시 부천시 안산시 안양시 남양주시 화성시 평택시 의정부시 파주시 김포시 청주시 천안시 전주시 포항시 창원시 " +
  "김해시 구미시 경주시 춘천시 강릉시 원주시 여수시 순천시 목포시 제주시 서귀포시";

export const KR_DONG =
  "역삼동 삼성동 청담동 압구정동 논현동 신사동 대치동 서초동 방배동 반포동 잠실동 문정동 여의도동 이태원동 한남동 명동 " +
  "신촌동 연희동 망원동 합정동 상암동 목동 성수동 정자동 서현동 판교동 광교동 송도동";
